package dev.berth.reconciler.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.runtime.Reconciler;
import dev.berth.reconciler.runtime.StatusReader;
import dev.berth.reconciler.runtime.TemporalConnection;
import dev.berth.reconciler.spec.AciScopes;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.Eventually;
import dev.berth.reconciler.watch.RepoStatus;
import dev.berth.simulator.world.SimulatedCloud;
import dev.berth.simulator.world.StartLatency;
import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.ops.PlacementListener;
import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import dev.berth.workflows.stack.StackPhase;
import dev.berth.workflows.stack.StackStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16 on a running reconciler (embedded Temporal, the worker, RepoWatch, the simulator): a
 * stack with an allowed reference deploys; a commit with references outside the operator's policy
 * (or never allowed though a careless pattern matches them, or escaping by {@code ..} or a link),
 * and then one whose Fleet names a resource group outside {@code --aci-scope}, are refused as a
 * whole with a line per reference, and the last good revision keeps running untouched.
 */
class OperatorPolicyEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";

  @TempDir Path tmp;

  @Test
  void referencesAndDestinationsOutsideThePolicyAreRefusedAndTheLastGoodRevisionKeepsRunning()
      throws IOException {
    Path secrets = Files.createDirectories(tmp.resolve("secrets")).toRealPath();
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "not the app's");
    Files.createSymbolicLink(secrets.resolve("planted"), elsewhere);
    Path home = Files.createDirectories(tmp.resolve("home")).toRealPath();
    NeverResolved never = NeverResolved.of(Map.of(), home.toString(), List.of(), List.of());
    OperatorPolicy policy =
        new OperatorPolicy(
            SecretPolicy.parse("env:APP_*, env:*_SECRET, file:" + secrets + "/*", never),
            AciScopes.parse(
                List.of("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/berth-prod")));

    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("fleet.yaml", fleet("berth-prod"));
      String good =
          repo.commit(
              "stacks/shop.yaml", shop(2, "env:APP_DB_PASSWORD", "file:" + secrets + "/api-token"));
      SimulatedCloud cloud =
          new SimulatedCloud(
              Clock.systemUTC(),
              11,
              new StartLatency(Duration.ofMillis(100), Duration.ofMillis(300)));
      GitLocation source = new GitLocation(repo.dir().toString(), "main", ".");
      try (TemporalConnection temporal =
              TemporalConnection.open(
                  TemporalConnection.EMBEDDED, ReconcileEndToEndTest.freePort(), "default");
          Reconciler reconciler =
              new Reconciler(
                  temporal, cloud, PlacementListener.NONE, source, tmp.resolve("cache"), policy)) {
        reconciler.start(Duration.ofMillis(200));
        StatusReader status = new StatusReader(temporal.client());

        Eventually.await(
            WAIT, "shop deployed with its allowed references", () -> synced(status, good));
        List<String> running = names(cloud.all());
        assertThat(running).hasSize(2);

        String forbidden =
            repo.commit(
                "stacks/shop.yaml",
                shop(
                    4,
                    "env:AZURE_CLIENT_SECRET",
                    "env:BERTH_WEBHOOK_SECRET",
                    "file:" + home + "/.ssh/id_rsa",
                    "file:/etc/shadow",
                    "file:" + secrets + "/../elsewhere",
                    "file:" + secrets + "/planted",
                    "env:APP_FINE"));
        Eventually.await(
            WAIT,
            "the commit with forbidden references refused",
            () -> refusedAt(status, forbidden));
        String allowed = "(allowed: env:APP_*, env:*_SECRET, file:" + secrets + "/*)";
        assertThat(status.repos().get(0).refusal().errors())
            .containsExactly(
                "stacks/shop.yaml:14:15: spec.services[0].secretEnv.K0: env:AZURE_CLIENT_SECRET is never allowed: it is one of Berth's own settings or credentials",
                "stacks/shop.yaml:15:15: spec.services[0].secretEnv.K1: env:BERTH_WEBHOOK_SECRET is never allowed: it is one of Berth's own settings or credentials",
                "stacks/shop.yaml:16:15: spec.services[0].secretEnv.K2: file:"
                    + home
                    + "/.ssh/id_rsa is not allowed by this Berth's secret policy "
                    + allowed,
                "stacks/shop.yaml:17:15: spec.services[0].secretEnv.K3: file:/etc/shadow is not allowed by this Berth's secret policy "
                    + allowed,
                "stacks/shop.yaml:18:15: spec.services[0].secretEnv.K4: file:"
                    + secrets
                    + "/../elsewhere is not an absolute, normalised path (no '.', '..' or '//'), so this Berth will not read it",
                "stacks/shop.yaml:19:15: spec.services[0].secretEnv.K5: file:"
                    + secrets
                    + "/planted leads through a symbolic link out of the folders this Berth's secret policy allows "
                    + allowed);
        StackStatus shop = status.stacks("shop").get(0);
        assertThat(shop.refusal().commit())
            .as("status says why the stack did not move")
            .isEqualTo(forbidden);
        assertThat(shop.appliedRevision()).isEqualTo(good);

        String elsewhereGroup = repo.commit("fleet.yaml", fleet("someone-elses"));
        repo.commit("stacks/shop.yaml", shop(3, "env:APP_DB_PASSWORD"));
        String outOfScope = repo.git().log().setMaxCount(1).call().iterator().next().getName();
        Eventually.await(
            WAIT, "the Fleet outside the scopes refused", () -> refusedAt(status, outOfScope));
        assertThat(status.repos().get(0).refusal().errors())
            .containsExactly(
                "fleet.yaml:9:20: spec.aci.resourceGroup: resource group someone-elses is outside the scopes this Berth may deploy to (--aci-scope: /subscriptions/"
                    + SUBSCRIPTION
                    + "/resourceGroups/berth-prod)");
        assertThat(elsewhereGroup).isNotEqualTo(outOfScope);

        Eventually.pause(Duration.ofSeconds(1));
        assertThat(names(cloud.all()))
            .as("the last good revision keeps running, untouched")
            .isEqualTo(running);
        assertThat(status.stacks("shop").get(0).appliedRevision()).isEqualTo(good);

        String fixed = repo.commit("fleet.yaml", fleet("berth-prod"));
        // A rolling replacement of 3 (the secrets changed the template), each new group ready
        // before the next.
        Eventually.await(
            WAIT.multipliedBy(3),
            "a commit back within the policy applies",
            () -> synced(status, fixed));
        assertThat(cloud.list("shop").stream().filter(g -> g.state().isRunning())).hasSize(3);
        assertThat(status.repos().get(0).refusal()).isNull();
      } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String fleet(String resourceGroup) {
    return """
        apiVersion: berth.dev/v1
        kind: Fleet
        metadata: {name: prod}
        spec:
          regions:
            - {name: westeurope, zones: ["1", "2", "3"]}
          aci:
            subscription: %s
            resourceGroup: %s
        """
        .formatted(SUBSCRIPTION, resourceGroup);
  }

  /** References start at line 14, column 15. */
  private static String shop(int replicas, String... references) {
    StringBuilder s =
        new StringBuilder(
            """
        apiVersion: berth.dev/v1
        kind: Stack
        metadata:
          name: shop
        spec:
          services:
            - name: web
              image: nginx:1.25
              replicas: %d
              cpu: 0.5
              memoryGb: 1
              ports: [80]
              secretEnv:
        """
                .formatted(replicas));
    for (int i = 0; i < references.length; i++) {
      s.append("          K").append(i).append(": ").append(references[i]).append('\n');
    }
    return s.toString();
  }

  private static boolean synced(StatusReader status, String commit) {
    List<StackStatus> found = status.stacks("shop");
    return found.size() == 1
        && found.get(0).phase() == StackPhase.SYNCED
        && commit.equals(found.get(0).appliedRevision());
  }

  private static boolean refusedAt(StatusReader status, String commit) {
    List<RepoStatus> repos = status.repos();
    return repos.size() == 1
        && repos.get(0).refusal() != null
        && repos.get(0).refusal().commit().equals(commit);
  }

  private static List<String> names(List<ContainerGroup> groups) {
    return groups.stream().map(ContainerGroup::name).sorted().toList();
  }
}
