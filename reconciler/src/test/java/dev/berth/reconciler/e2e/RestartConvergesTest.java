package dev.berth.reconciler.e2e;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.simulator.world.OwnedWorld;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.backend.GroupNames;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.backend.GroupTags;
import dev.berth.workflows.backend.Owner;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.stack.StackPhase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart that forgets every workflow: {@code berth run} on the embedded Temporal service is
 * stopped (its service, and every history, gone with it), a group is changed behind its back
 * meanwhile, and a reconciler on a fresh Temporal service starts over the same world. It converges
 * on what runs: no group deleted or made twice, the drifted one healed, another installation's
 * groups of the same stack untouched.
 */
class RestartConvergesTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Owner OTHER = Owner.named("other-team-0badc0de");
  private static final String TAMPERED = "docker.io/x/y:latest";

  @TempDir Path tmp;

  @Test
  void aReconcilerOnAFreshTemporalServiceAdoptsWhatRuns_healsTheDrift_andLeavesOthersAlone()
      throws IOException {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      String head = repo.commit("stacks/blog.yaml", stack("blog", "ghost:5.80", 1));
      SimulatedCloud world =
          new SimulatedCloud(
              Clock.systemUTC(),
              7,
              new StartLatency(Duration.ofMillis(100), Duration.ofMillis(300)));
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      OwnedWorld ours = new OwnedWorld(world, source.owner());
      String foreign = foreignGroup(world);

      try (TemporalConnection first =
              TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default");
          Reconciler reconciler = new Reconciler(first, ours, source, tmp.resolve("cache-1"))) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(first.client());
        Eventually.await(
            WAIT,
            "both stacks synced",
            () ->
                synced(status, "shop", head)
                    && synced(status, "blog", head)
                    && world.all().stream().filter(ContainerGroup::healthy).count() == 5);
      }

      String drifted =
          shop(world, source.owner()).stream()
              .filter(g -> g.ordinal() == 1)
              .findFirst()
              .orElseThrow()
              .name();
      assertThat(
              world.tamper(
                  drifted,
                  s ->
                      new GroupSpec(
                          s.name(),
                          s.stack(),
                          s.ordinal(),
                          s.template(),
                          s.serviceSpec().withImage(TAMPERED),
                          s.region(),
                          s.zone(),
                          s.discoveryEnv(),
                          s.node())))
          .isTrue();
      world.tamper(
          foreign,
          s ->
              new GroupSpec(
                  s.name(),
                  s.stack(),
                  s.ordinal(),
                  s.template(),
                  s.serviceSpec().withImage(TAMPERED),
                  s.region(),
                  s.zone(),
                  s.discoveryEnv(),
                  s.node()));
      Set<String> before = names(world.all());
      SimulatedCloud.Counts counted = world.counts();

      try (TemporalConnection second =
              TemporalConnection.open(TemporalConnection.EMBEDDED, freePort(), "default");
          Reconciler reconciler = new Reconciler(second, ours, source, tmp.resolve("cache-2"))) {
        StatusReader status = new StatusReader(second.client());
        assertThat(status.stackNames()).as("a fresh service knows no workflow").isEmpty();
        reconciler.start(Duration.ofMillis(200));
        Eventually.await(
            WAIT,
            "both stacks synced again",
            () -> synced(status, "shop", head) && synced(status, "blog", head));
        assertThat(world.counts())
            .as("the new Stack workflows deploy nothing anew")
            .isEqualTo(counted);
        assertThat(names(world.all())).isEqualTo(before);

        Eventually.await(
            Duration.ofSeconds(60),
            "the drifted group healed",
            () ->
                world.spec(drifted).isEmpty()
                    && shop(world, source.owner()).size() == 3
                    && shop(world, source.owner()).stream()
                        .allMatch(g -> g.healthy() && g.image().equals("nginx:1.25")));
        Eventually.await(WAIT, "shop synced after healing", () -> synced(status, "shop", head));
        Set<String> expected = new TreeSet<>(before);
        expected.remove(drifted);
        expected.add(GroupNames.moved(drifted));
        assertThat(names(world.all()))
            .as("one group replaced, none else deleted or made")
            .isEqualTo(expected);
        assertThat(world.counts())
            .isEqualTo(
                new SimulatedCloud.Counts(
                    counted.created() + 1, counted.deleted() + 1, counted.live()));
        assertThat(world.spec(foreign).orElseThrow().image())
            .as("another installation's group keeps its change")
            .isEqualTo(TAMPERED);
        assertThat(status.stacks("blog").get(0).drift()).isEmpty();
      }
    }
  }

  /**
   * Our groups of shop as the world has them (not through Berth's budgeted reads, which a test must
   * not disturb).
   */
  private static List<ContainerGroup> shop(SimulatedCloud world, Owner owner) {
    return world.all().stream()
        .filter(
            g ->
                g.stack().equals("shop")
                    && owner.name().equals(world.tags(g.name()).orElseThrow().get(GroupTags.OWNER)))
        .toList();
  }

  /** A replica of another installation's stack named shop, in the same resource group. */
  private static String foreignGroup(SimulatedCloud world) {
    ServiceSpec web = ServiceSpec.basic("web", "nginx:1.24", 1, 0.5, 1, List.of(80));
    String template = GroupNames.template(web);
    String name = GroupNames.of("shop", "web", 0, template);
    new OwnedWorld(world, OTHER)
        .create(new GroupSpec(name, "shop", 0, template, web, "westeurope", "3", null));
    return name;
  }

  private static boolean synced(StatusReader status, String stack, String commit) {
    return status.stacks(stack).stream()
        .anyMatch(s -> s.phase() == StackPhase.SYNCED && s.appliedRevision().equals(commit));
  }

  private static Set<String> names(List<ContainerGroup> groups) {
    return groups.stream().map(ContainerGroup::name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
