package dev.berth.benchmarks.status;

import dev.berth.benchmarks.footprint.FootprintRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The fleet {@code berth status} is timed over: the footprint's Fleet of 50 regions and {@code n}
 * stacks named {@code s00000}... of one service with one replica, stack {@code i} in region {@code
 * i mod 50}, so they all run within minutes of the first poll.
 */
final class StatusRepository {

  private static final PersonIdent AUTHOR = new PersonIdent("Status", "status@berth.invalid");

  private StatusRepository() {}

  static void create(Path dir, int stacks) throws IOException, GitAPIException {
    Files.createDirectories(dir.resolve("stacks"));
    Files.writeString(dir.resolve("fleet.yaml"), FootprintRepository.fleet());
    for (int i = 0; i < stacks; i++) {
      Files.writeString(
          dir.resolve(String.format("stacks/s%05d.yaml", i)),
          """
          apiVersion: berth.dev/v1
          kind: Stack
          metadata: {name: s%05d}
          spec:
            regions: [%s]
            services:
              - name: web
                image: ghcr.io/acme/web:1.%d.0
                cpu: 0.5
                memoryGb: 1
                ports: [80]
          """
              .formatted(
                  i,
                  FootprintRepository.REGIONS.get(i % FootprintRepository.REGIONS.size()),
                  i % 10));
    }
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage(stacks + " stacks")
          .setAuthor(AUTHOR)
          .setCommitter(AUTHOR)
          .setSign(false)
          .call();
    }
  }
}
