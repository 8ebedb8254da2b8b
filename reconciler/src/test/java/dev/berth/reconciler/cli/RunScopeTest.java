package dev.berth.reconciler.cli;

import static dev.berth.reconciler.cli.ValidateCommandTest.berth;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import dev.berth.reconciler.testing.DesiredRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code berth run --backend aci} reaches no Azure destination the operator did not pin; it stops
 * before signing in.
 */
class RunScopeTest {

  private static final String SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";

  @TempDir Path tmp;

  @AfterEach
  void restoreTestLogging() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource("logback-test.xml"));
  }

  @Test
  void withoutAciScopeTheAciBackendDoesNotStart() {
    Run run = berth("run", "--backend", "aci", "--repo", tmp.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "berth: --backend aci needs --aci-scope /subscriptions/<id>/resourceGroups/<name> (or "
                + "BERTH_ACI_SCOPES): the Azure destinations the repository's Fleet may name");
  }

  @Test
  void aFleetOutsideTheScopesIsNotUsed() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit(
          "fleet.yaml",
          """
          apiVersion: berth.dev/v1
          kind: Fleet
          metadata: {name: prod}
          spec:
            regions:
              - {name: westeurope, zones: ["1"]}
            aci:
              subscription: %s
              resourceGroup: someone-elses
          """
              .formatted(SUBSCRIPTION));
      Run run =
          berth(
              "run",
              "--backend",
              "aci",
              "--repo",
              repo.dir().toString(),
              "--cache-dir",
              tmp.resolve("cache").toString(),
              "--aci-scope",
              "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/berth-prod",
              "--temporal-port",
              "0");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err().lines())
          .singleElement()
          .asString()
          .startsWith(
              "berth: the head of " + repo.dir() + " is invalid, so its Fleet is not used: ")
          .endsWith(
              "fleet.yaml:9:20: spec.aci.resourceGroup: resource group someone-elses is outside the scopes this Berth may deploy to"
                  + " (--aci-scope: /subscriptions/"
                  + SUBSCRIPTION
                  + "/resourceGroups/berth-prod)");
    }
  }
}
