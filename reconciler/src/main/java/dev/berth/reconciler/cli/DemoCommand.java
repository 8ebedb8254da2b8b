package dev.berth.reconciler.cli;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.FleetAtHead;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.simulator.world.OwnedWorld;
import dev.berth.workflows.TemporalNames;
import dev.berth.workflows.backend.Backend;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.FleetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
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
 * with embedded Temporal; with {@code --docker}, on this machine's Docker engine as one node.
 */
@Command(
    name = "demo",
    description =
        "Run Berth on a copy of the bundled samples (simulator, or --docker: this machine's Docker engine; embedded Temporal).")
final class DemoCommand implements Callable<Integer> {

  static final Duration DEMO_INTERVAL = Duration.ofSeconds(2);

  @Option(
      names = "--dir",
      description =
          "Where to create the demo repository. Default: ~/berth-demo (~/berth-demo-docker with --docker).")
  Path dir;

  @Option(
      names = "--docker",
      description =
          "Run the samples' stacks on this machine's Docker engine (one node), not the simulator.")
  boolean docker;

  @Option(
      names = "--docker-host",
      defaultValue = "unix:///var/run/docker.sock",
      description = "With --docker: the engine. Default: ${DEFAULT-VALUE}.")
  String dockerHost;

  @Option(
      names = "--network",
      defaultValue = "auto",
      description =
          "With --docker: bridge | host | auto (bridge if the engine has it). Default: ${DEFAULT-VALUE}.")
  String network;

  @Option(
      names = "--image",
      paramLabel = "FROM=TO",
      description =
          "With --docker: run TO where the samples name FROM (repeatable), e.g. a local image.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--samples",
      description = "The samples to copy. Default: $BERTH_HOME/samples-repo.")
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
    Path repo =
        (dir != null
                ? dir
                : Path.of(
                    System.getProperty("user.home"), docker ? "berth-demo-docker" : "berth-demo"))
            .toAbsolutePath();
    PrintWriter out = spec.commandLine().getOut();
    DockerOptions engines = new DockerOptions();
    if (docker) {
      engines.endpoints = dockerHost;
    }
    if (Files.isDirectory(repo.resolve(".git"))) {
      out.println("berth demo: using the existing demo repository " + repo);
    } else if (docker) {
      boolean host = LocalDocker.hostNetwork(network, dockerHost);
      create(
          repo,
          samplesDir(),
          samples -> DockerDemo.adapt(samples, dockerHost, host, DockerDemo.images(images), out));
      out.println(
          "berth demo: created "
              + repo
              + " from the samples, for the Docker engine at "
              + dockerHost);
    } else {
      create(repo, samplesDir());
      out.println("berth demo: created " + repo + " from the samples");
    }
    GitLocation location = new GitLocation(repo.toString(), "main", ".");
    Owner installation = owner.resolve(location);
    out.println(
        "berth demo: Temporal "
            + temporal.describe()
            + ", backend "
            + (docker ? "Docker (" + dockerHost + ") and the simulator for ACI" : "simulator")
            + ", polling every "
            + DEMO_INTERVAL.toSeconds()
            + "s, owner "
            + installation);
    out.println();
    out.println("  Commit a change and watch it reconcile, e.g.:");
    if (docker) {
      out.println(
          "    cd "
              + repo
              + " && sed -i 's/cpu: 0.5/cpu: 0.25/' stacks/blog.yaml && git commit -qam 'smaller blog'");
    } else {
      out.println(
          "    cd "
              + repo
              + " && sed -i 's/replicas: 3/replicas: 5/' stacks/shop.yaml && git commit -qam 'scale web'");
    }
    boolean defaultAddress = temporal.address().equals("127.0.0.1:7233");
    out.println(
        "  In another terminal:  ./berth status"
            + (defaultAddress ? "" : " --temporal " + temporal.address()));
    if (docker) {
      out.println("  Containers:           docker ps --filter label=berth-stack");
      out.println(
          "  Container logs:       ./berth logs shop web --backend docker --repo "
              + repo
              + " --docker-endpoints "
              + dockerHost);
    } else if (simulator.port != 0) {
      out.println(
          "  Container logs:       ./berth logs shop web"
              + (simulator.port == SimulatorOptions.DEFAULT_PORT
                  ? ""
                  : " --simulator-port " + simulator.port));
    }
    String at = defaultAddress ? "" : " --temporal " + temporal.address();
    out.println("  Operations of shop:   ./berth history shop" + at);
    if (temporal.isEmbedded()) {
      // The embedded service has no visibility queries: `temporal workflow list` fails against it.
      out.println(
          "  Temporal CLI:         temporal workflow describe -w "
              + TemporalNames.stackId("shop")
              + " --address "
              + temporal.address());
    } else {
      out.println(
          "  Temporal CLI:         temporal workflow list --address "
              + temporal.address()
              + " --query 'BerthStack=\"shop\"'");
    }
    OperatorPolicy operator = policy.policy(operating);
    out.println(
        "  Secret references:    "
            + (operator.secrets().allowed().isEmpty()
                ? "none allowed (--allowed-secrets 'env:APP_*' to allow some)"
                : "allowed: " + operator.secrets().describe()));
    out.println("  Stop with Ctrl-C.");
    out.println();
    out.flush();
    Path cache = repo.resolve(".git").resolve("berth-cache");
    FleetSpec fleet = FleetAtHead.read(location, cache, operator);
    Backend world = new OwnedWorld(simulator.serve(fleet), installation);
    RunCommand.runUntilStopped(
        temporal,
        operating,
        operator,
        location,
        DEMO_INTERVAL,
        cache,
        docker
            ? engines.withNodes(fleet, world, System.out, installation, operator.secrets())
            : world);
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
    create(repo, samples, copied -> {});
  }

  /** What is done to the copied samples before the first commit. */
  interface Edit {
    void apply(Path repo) throws IOException;
  }

  static void create(Path repo, Path samples, Edit edit) throws IOException, GitAPIException {
    if (Files.exists(repo)) {
      try (Stream<Path> entries = Files.list(repo)) {
        if (entries.findAny().isPresent()) {
          throw new UserError(
              2, repo + " exists and is not a Git repository; pass --dir with a new folder");
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
    edit.apply(repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent berth = new PersonIdent("Berth demo", "demo@berth.invalid");
      git.commit()
          .setMessage("Berth samples")
          .setAuthor(berth)
          .setCommitter(berth)
          .setSign(false)
          .call();
    }
  }
}
