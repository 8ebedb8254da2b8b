package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenarios that cannot run on their repository: each problem one line at the field that causes it.
 */
class ScenarioChecksTest {

  private static final String SHOP =
      """
      apiVersion: berth.dev/v1
      kind: Stack
      metadata: {name: shop}
      spec:
        services:
          - {name: web, image: "ghcr.io/acme/web:1.4.2", replicas: 3, ports: [80]}
      """;

  private static final String HEAD =
      """
      apiVersion: berth.dev/v1
      kind: Scenario
      metadata: {name: s}
      spec:
        duration: 1h
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      a replace that matches nothing | events: [{at: 5m, commit: {path: stacks/shop.yaml, replace: {"web:9.9.9": "web:2"}}}] | expect: [{stack: shop, availabilityPercent: 90}] | s.yaml:6:64: spec.events[0].commit.replace.web:9.9.9: matches nothing in stacks/shop.yaml at 5m
      a replace that changes nothing | events: [{at: 5m, commit: {path: stacks/shop.yaml, replace: {"web": "web"}}}] | expect: [{stack: shop, availabilityPercent: 90}] | s.yaml:6:29: spec.events[0].commit.replace: changes nothing in stacks/shop.yaml at 5m
      a second replace of what the first undid | events: [{at: 5m, commit: {path: stacks/shop.yaml, replace: {"1.4.2": "2.0"}}}, {at: 6m, commit: {path: stacks/shop.yaml, replace: {"1.4.2": "3.0"}}}] | expect: [{stack: shop, availabilityPercent: 90}] | s.yaml:6:135: spec.events[1].commit.replace.1.4.2: matches nothing in stacks/shop.yaml at 6m
      a delete of a file that is not there | events: [{at: 5m, commit: {path: stacks/none.yaml, delete: true}}] | expect: [{stack: shop, availabilityPercent: 90}] | s.yaml:6:29: spec.events[0].commit.delete: changes nothing: stacks/none.yaml does not exist at 5m
      a recovery bound without faults | events: [] | expect: [{stack: shop, recoveredWithin: 5m}] | s.yaml:7:43: spec.expect[0].recoveredWithin: can never be judged: the scenario injects no fault to recover from
      a final image the scenario never changes | events: [{at: 5m, fault: {crash: {stack: shop, service: web, replicas: 1}}}] | expect: [{stack: shop, service: web, finalImage: "ghcr.io/acme/web:1.4.2"}] | s.yaml:7:52: spec.expect[0].finalImage: can never be judged: no commit or tamper of the scenario changes the image of shop/web (ghcr.io/acme/web:1.4.2 throughout)
      a scaling bound with nothing to scale | events: [] | expect: [{stack: shop, service: web, scaledWithin: 5m}] | s.yaml:7:54: spec.expect[0].scaledWithin: can never be judged: no commit changes its replicas and no load drives its autoscaling
      a VM bound for a stack on ACI | events: [] | expect: [{stack: shop, service: web, onVmsWithin: 5m}] | s.yaml:7:53: spec.expect[0].onVmsWithin: can never be judged: stack shop never runs on a cluster (target cluster:<name> or burst:<name>)
      an expectation of a stack that is not there | events: [] | expect: [{stack: blog, availabilityPercent: 90}] | s.yaml:7:47: spec.expect[0].availabilityPercent: can never be judged: the repository defines no stack blog, before or after the scenario's commits
      """)
  void isRefusedWithOneLine(String what, String events, String expect, String line) {
    assertThat(problems(events, expect)).extracting(Diagnostic::toString).containsExactly(line);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      a scale-up and its bound | events: [{at: 5m, commit: {path: stacks/shop.yaml, replace: {"replicas: 3": "replicas: 5"}}}] | expect: [{stack: shop, service: web, scaledWithin: 10m}]
      a release and its final image | events: [{at: 5m, commit: {path: stacks/shop.yaml, replace: {"1.4.2": "1.5.0"}}}] | expect: [{stack: shop, service: web, finalImage: "ghcr.io/acme/web:1.5.0"}]
      a new file | events: [{at: 5m, commit: {path: stacks/new.yaml, content: "x: 1"}}] | expect: [{stack: shop, availabilityPercent: 90}]
      a fault and a recovery bound | events: [{at: 5m, fault: {zoneOutage: westeurope/1, for: 5m}}] | expect: [{stack: shop, recoveredWithin: 5m}]
      """)
  void runs(String what, String events, String expect) {
    assertThat(problems(events, expect)).isEmpty();
  }

  private static List<Diagnostic> problems(String events, String expect) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("stacks/shop.yaml", SHOP.getBytes(StandardCharsets.UTF_8));
    files.put(
        "s.yaml", (HEAD + "  " + events + "\n  " + expect + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(new DesiredStateReader().read(files).errors()).as("valid on its own").isEmpty();
    return ScenarioChecks.problems("s", files);
  }
}
