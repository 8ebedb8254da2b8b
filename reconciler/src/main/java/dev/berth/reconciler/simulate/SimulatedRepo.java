package dev.berth.reconciler.simulate;

import dev.berth.simulator.scenario.ScenarioEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A throw-away copy of the desired-state repository that a scenario commits to. Commits carry fixed
 * times (an epoch plus the simulated offset), so their IDs are the same on every run.
 */
final class SimulatedRepo implements AutoCloseable {

  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final Path dir;
  private final Git git;

  private SimulatedRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** Copies every file of {@code source} except {@code .git} into {@code dir} and commits it. */
  static SimulatedRepo copyOf(Path source, Path dir) throws IOException, GitAPIException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !source.relativize(p).startsWith(".git"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      Path target = dir.resolve(source.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    SimulatedRepo repo = new SimulatedRepo(dir, git);
    git.add().addFilepattern(".").call();
    repo.commit("initial state", Duration.ZERO);
    return repo;
  }

  Path dir() {
    return dir;
  }

  /** The text of a file of the working tree, if it exists. */
  Optional<String> text(String path) throws IOException {
    Path file = dir.resolve(path);
    return Files.isRegularFile(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /** Every YAML file of the working tree (outside {@code .git}), by path. */
  SortedMap<String, String> yamlFiles() throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = dir.relativize(p).toString().replace('\\', '/');
        if (!relative.startsWith(".git/")
            && (relative.endsWith(".yaml") || relative.endsWith(".yml"))) {
          files.put(relative, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  /** Applies a scenario commit at its time; returns a line for the timeline. */
  String apply(ScenarioEvent.Commit event) throws IOException, GitAPIException {
    Path file = dir.resolve(event.path());
    if (event.delete()) {
      git.rm().addFilepattern(event.path()).call();
    } else {
      String text;
      if (event.content() != null) {
        text = event.content();
      } else {
        if (!Files.exists(file)) {
          return "commit skipped: " + event.path() + " does not exist";
        }
        text = Files.readString(file, StandardCharsets.UTF_8);
        for (ScenarioEvent.Replacement r : event.replace()) {
          text = text.replace(r.from(), r.to());
        }
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      git.add().addFilepattern(event.path()).call();
    }
    return commit(event.describe(), event.at()).substring(0, 7) + " " + event.describe();
  }

  private String commit(String message, Duration at) throws GitAPIException {
    PersonIdent who =
        new PersonIdent(
            new PersonIdent("Berth simulate", "simulate@berth.invalid"),
            EPOCH.plus(at),
            ZoneOffset.UTC);
    return git.commit()
        .setMessage(message)
        .setAuthor(who)
        .setCommitter(who)
        .setSign(false)
        .setAllowEmpty(true)
        .call()
        .getName();
  }

  @Override
  public void close() {
    git.close();
  }
}
