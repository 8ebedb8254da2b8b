package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.simulator.world.OwnedWorld;
import dev.berth.workflows.backend.Owner;
import dev.berth.reconciler.runtime.FleetAtHead;
import dev.berth.reconciler.spec.OperatorPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth demo}: the bundled samples in a fresh Git repository, reconciled on the simulator
 * with embedded Temporal.
 */
@Command(name = "demo", description = "Run Berth on a copy of the bundled samples (simulator, embedded Temporal).")
final class DemoCommand implements Callable<Integer> {

  static final Duration DEMO_INTERVAL = Duration.ofSeconds(2);

  @Option(names = "--dir", description = "Where to create the demo repository. Default: ~/berth-demo.")
  Path dir;

  @Option(names = "--samples", description = "The samples to copy. Default: $BERTH_HOME/samples-repo.")
  Path samples;

  @Mixin TemporalOptions temporal;

  @Mixin OperatingOptions operating;

  @Mixin SimulatorOptions simulator;

  @Mixin OwnerOption owner;

  @Mixin PolicyOptions policy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, GitAPIException {
    operating.applyLogFormat();
    Path repo = (dir != null ? dir : Path.of(System.getProperty("user.home"), "berth-demo")).toAbsolutePath();
    PrintWriter out = spec.commandLine().getOut();
    if (Files.isDirectory(repo.resolve(".git"))) {
      out.println("berth demo: using the existing demo repository " + repo);
    } else {
      create(repo, samplesDir());
      out.println("berth demo: created " + repo + " from the samples");
    }
    GitLocation location = new GitLocation(repo.toString(), "main", ".");
    Owner installation = owner.resolve(location);
    out.println("berth demo: Temporal " + temporal.describe() + ", backend simulator, polling every " + DEMO_INTERVAL.toSeconds()
        + "s, owner " + installation);
    out.println();
    out.println("  Commit a change and watch it reconcile, e.g.:");
    out.println("    cd " + repo + " && sed -i 's/replicas: 3/replicas: 5/' stacks/shop.yaml && git commit -qam 'scale web'");
    boolean defaultAddress = temporal.address().equals("127.0.0.1:7233");
    out.println("  In another terminal:  ./berth status" + (defaultAddress ? "" : " --temporal " + temporal.address()));
    if (simulator.port != 0) {
      out.println("  Container logs:       ./berth logs shop web" + (simulator.port == SimulatorOptions.DEFAULT_PORT ? "" : " --simulator-port " + simulator.port));
    }
    out.println("  Temporal CLI:         temporal workflow list --address " + temporal.address());
    OperatorPolicy operator = policy.policy(operating);
    out.println("  Secret references:    " + (operator.secrets().allowed().isEmpty()
        ? "none allowed (--allowed-secrets 'env:APP_*' to allow some)" : "allowed: " + operator.secrets().describe()));
    out.println("  Stop with Ctrl-C.");
    out.println();
    out.flush();
    Path cache = repo.resolve(".git").resolve("berth-cache");
    RunCommand.runUntilStopped(temporal, operating, operator, location, DEMO_INTERVAL, cache,
        new OwnedWorld(simulator.serve(FleetAtHead.read(location, cache, operator)), installation));
    return 0;
  }

  private Path samplesDir() {
    if (samples != null) {
      return samples;
    }
    String home = System.getenv("BERTH_HOME");
    Path candidate = home != null ? Path.of(home, "samples-repo") : Path.of("samples-repo");
    if (!Files.isDirectory(candidate)) {
      throw new UserError(2, "cannot find the samples at " + candidate + "; pass --samples DIR");
    }
    return candidate;
  }

  static void create(Path repo, Path samples) throws IOException, GitAPIException {
    if (Files.exists(repo)) {
      try (Stream<Path> entries = Files.list(repo)) {
        if (entries.findAny().isPresent()) {
          throw new UserError(2, repo + " exists and is not a Git repository; pass --dir with a new folder");
        }
      }
    }
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(samples)) {
      sources = walk.filter(Files::isRegularFile).toList();
    }
    for (Path source : sources) {
      Path target = repo.resolve(samples.relativize(source).toString());
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent berth = new PersonIdent("Berth demo", "demo@berth.invalid");
      git.commit().setMessage("Berth samples").setAuthor(berth).setCommitter(berth).setSign(false).call();
    }
  }
}
