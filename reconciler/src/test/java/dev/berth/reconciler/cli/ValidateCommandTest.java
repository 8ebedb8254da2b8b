package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BerthCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theSamplesAreValid() {
    Run run = berth("validate", "../samples-repo");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("2 stack(s)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void everyBrokenInputIsOneLineAndExitOne() throws Exception {
    for (Path file : dev.berth.reconciler.spec.BrokenInputCorpusTest.corpus()) {
      Run run = berth("validate", file.toString());
      assertThat(run.exit()).as(file.toString()).isEqualTo(1);
      assertThat(run.err().lines()).as(file.toString()).hasSize(1);
      assertThat(run.err())
          .as(file.toString())
          .startsWith(file + ":")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void reportsEveryErrorOfAFolderAsJson() throws Exception {
    Files.writeString(
        tmp.resolve("a.yaml"),
        "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: a}\nspec:\n  services:\n    - {name: web, image: 'nginx:1', cpu: 9, memoryGb: 99}\n");
    Run run = berth("validate", "--json", tmp.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"valid\" : false")
        .contains("spec.services[0].cpu")
        .contains("spec.services[0].memoryGb");
  }

  @Test
  void theSamplesAsJsonNameEveryKind() throws Exception {
    Run run = berth("validate", "--json", "../samples-repo");
    assertThat(run.exit()).isZero();
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertThat(report.get("valid").asBoolean()).isTrue();
    assertThat(report.get("documents").asInt()).isEqualTo(10);
    assertThat(report.get("fleet").asText()).isEqualTo("prod");
    assertThat(report.get("stacks").toString()).isEqualTo("[\"blog\",\"shop\"]");
    assertThat(report.get("clusters").toString()).isEqualTo("[\"main\"]");
    assertThat(report.get("scenarios").toString())
        .isEqualTo(
            "[\"api-throttling\",\"bad-image\",\"drift\",\"region-outage\",\"rollout-zone-outage\",\"traffic-spike\"]");
    assertThat(report.get("errors")).isEmpty();
  }

  @Test
  void aMissingPathIsAUsageError() {
    Run run = berth("validate", tmp.resolve("nope").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void duplicateStacksAreErrorsInBothFiles() throws Exception {
    String stack =
        "apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: a}\nspec:\n  services:\n    - {name: web, image: 'nginx:1'}\n";
    Files.writeString(tmp.resolve("one.yaml"), stack);
    Files.writeString(tmp.resolve("two.yml"), stack);
    Run run = berth("validate", tmp.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().lines())
        .hasSize(2)
        .anyMatch(l -> l.startsWith("one.yaml:"))
        .anyMatch(l -> l.startsWith("two.yml:"));
  }

  @Test
  void otherKindsOfYamlAreIgnored() throws Exception {
    Files.writeString(
        tmp.resolve("deploy.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n");
    Files.writeString(tmp.resolve("ci.yml"), "on: push\njobs: {}\n");
    Run run = berth("validate", tmp.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("0 document(s) valid");
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(ValidateCommandTest.class.getResource(name).toURI());
  }
}
