package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @TempDir Path tmp;

  @Test
  void theBadImageSampleRollsBackAndMeetsItsExpectations() throws Exception {
    ValidateCommandTest.Run run =
        ValidateCommandTest.berth(
            "simulate", "../samples-repo/scenarios/bad-image.yaml", "--out", tmp.toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("met:     shop/web ends on ghcr.io/acme/web:1.4.2")
        .doesNotContain("NOT MET");
    assertThat(Files.readString(tmp.resolve("report.json")))
        .contains("\"passed\" : true")
        .contains("\"type\" : \"Deploy\"", "\"status\" : \"FAILED\"");
    assertThat(Files.readString(tmp.resolve("report.html")))
        .contains("<svg")
        .contains("bad image ghcr.io/acme/web:1.7.0");
  }

  /**
   * The region-outage sample has failovers that fail and back off, moves back and autoscaling, on
   * two stacks at once: where wall-clock time leaked into simulated time, its reports differed.
   */
  @Test
  void theRegionOutageSampleGivesTheSameReportByteForByteTwice() throws Exception {
    for (String out : new String[] {"first", "second"}) {
      ValidateCommandTest.Run run =
          ValidateCommandTest.berth(
              "simulate",
              "../samples-repo/scenarios/region-outage.yaml",
              "--out",
              tmp.resolve(out).toString());
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }
    String first = Files.readString(tmp.resolve("first/report.json"));
    String second = Files.readString(tmp.resolve("second/report.json"));
    if (!second.equals(first)) {
      Files.writeString(Path.of("target/region-outage-first.json"), first);
      Files.writeString(Path.of("target/region-outage-second.json"), second);
    }
    assertThat(second).isEqualTo(first);
  }

  /**
   * The report's desired line follows autoscaling, though stacks are asked only when an operation
   * starts or ends.
   */
  @Test
  void theTrafficSpikeSampleReportsDesiredReplicasAsAutoscaleChangesThem() throws Exception {
    ValidateCommandTest.Run run =
        ValidateCommandTest.berth(
            "simulate", "../samples-repo/scenarios/traffic-spike.yaml", "--out", tmp.toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    List<Integer> desired = new ArrayList<>();
    for (JsonNode sample :
        new ObjectMapper().readTree(tmp.resolve("report.json").toFile()).get("samples")) {
      JsonNode web = sample.get("desired").get("shop/web");
      Integer n = web == null ? null : web.asInt();
      if (n != null && (desired.isEmpty() || !desired.get(desired.size() - 1).equals(n))) {
        desired.add(n);
      }
    }
    assertThat(desired).containsExactly(3, 9, 3);
  }

  @Test
  void anUnknownScenarioIsBadInput() {
    ValidateCommandTest.Run run =
        ValidateCommandTest.berth(
            "simulate", "no-such-scenario", "--repo", "../samples-repo", "--out", tmp.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1).allMatch(l -> l.contains("no-such-scenario"));
  }

  @Test
  void aScenarioThatCannotRunOnItsRepositoryIsBadInputWithItsLines() throws Exception {
    Path file = tmp.resolve("stale.yaml");
    Files.writeString(
        file,
        """
        apiVersion: berth.dev/v1
        kind: Scenario
        metadata: {name: stale}
        spec:
          duration: 1h
          events:
            - {at: 5m, commit: {path: stacks/shop.yaml, replace: {"web:9.9.9": "web:2.0.0"}}}
          expect:
            - {stack: shop, recoveredWithin: 5m}
        """);
    ValidateCommandTest.Run run =
        ValidateCommandTest.berth(
            "simulate",
            file.toString(),
            "--repo",
            "../samples-repo",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            file
                + ":7:59: spec.events[0].commit.replace.web:9.9.9: matches nothing in stacks/shop.yaml at 5m",
            file
                + ":9:38: spec.expect[0].recoveredWithin: can never be judged: the scenario injects no fault to recover from");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void anInvalidScenarioFileIsBadInputWithItsLine() throws Exception {
    Path file = tmp.resolve("broken.yaml");
    Files.writeString(
        file,
        "apiVersion: berth.dev/v1\nkind: Scenario\nmetadata: {name: x}\nspec:\n  duration: forever\n");
    ValidateCommandTest.Run run =
        ValidateCommandTest.berth(
            "simulate",
            file.toString(),
            "--repo",
            "../samples-repo",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("broken.yaml:5:").doesNotContain("Exception");
  }

  @Test
  void aSecretReferenceOutsideThePolicyIsBadInputWithItsLine() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo/stacks"));
    Files.writeString(
        repo.resolve("s.yaml"),
        "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: s}\nspec:\n  services:\n"
            + "    - {name: web, image: 'nginx:1', secretEnv: {K: 'env:AZURE_CLIENT_SECRET'}}\n");
    Files.writeString(
        repo.resolve("../run.yaml"),
        "apiVersion: berth.dev/v1\nkind: Scenario\nmetadata: {name: x}\nspec:\n  duration: 1h\n");
    ValidateCommandTest.Run run =
        ValidateCommandTest.berth(
            "simulate",
            "x",
            "--repo",
            repo.getParent().toString(),
            "--allowed-secrets",
            "env:*",
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "stacks/s.yaml:6:52: spec.services[0].secretEnv.K: env:AZURE_CLIENT_SECRET is never allowed: it is one of Berth's own settings or credentials");
  }
}
