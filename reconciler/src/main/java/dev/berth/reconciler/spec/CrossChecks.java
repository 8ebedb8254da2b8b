package dev.berth.reconciler.spec;

import dev.berth.reconciler.spec.ReadDocument.ReadCluster;
import dev.berth.reconciler.spec.ReadDocument.ReadFleet;
import dev.berth.reconciler.spec.ReadDocument.ReadScenario;
import dev.berth.reconciler.spec.ReadDocument.ReadStack;
import dev.berth.reconciler.yaml.Mark;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checks that need every file at once: names unique per kind, at most one Fleet, stack and
 * cluster regions present in the Fleet (when there is one), {@code target} naming a real Cluster,
 * and the operator's policy ({@link OperatorChecks}). Each error is reported at the referring
 * field.
 */
final class CrossChecks {

  private CrossChecks() {}

  static DesiredState assemble(Collection<FileReading> files, OperatorPolicy policy) {
    List<Diagnostic> errors = new ArrayList<>();
    Map<String, Map<String, List<ReadDocument>>> byKind = new TreeMap<>();
    int documents = 0;
    for (FileReading file : files) {
      errors.addAll(file.errors());
      documents += file.documents();
      for (ReadDocument d : file.read()) {
        byKind
            .computeIfAbsent(d.kind(), k -> new TreeMap<>())
            .computeIfAbsent(d.name(), n -> new ArrayList<>())
            .add(d);
      }
    }
    byKind.values().forEach(names -> names.values().forEach(same -> duplicates(same, errors)));
    List<ReadDocument> fleets = all(byKind, "Fleet");
    if (fleets.size() > 1) {
      String where = String.join(", ", fleets.stream().map(ReadDocument::path).distinct().toList());
      fleets.forEach(
          d ->
              errors.add(
                  at(
                      d,
                      "metadata.name",
                      "a repository holds at most one Fleet; found in " + where)));
    }
    FleetSpec fleet = fleets.size() == 1 ? ((ReadFleet) fleets.get(0)).fleet() : null;
    fleets.forEach(d -> OperatorChecks.scopes((ReadFleet) d, policy, errors));
    TreeSet<String> clusterNames = new TreeSet<>(byKind.getOrDefault("Cluster", Map.of()).keySet());

    SortedMap<String, StackDocument> stacks = new TreeMap<>();
    for (ReadDocument d : all(byKind, "Stack")) {
      ReadStack s = (ReadStack) d;
      s.regions().forEach(r -> inFleet(s.path(), r, fleet, errors));
      OperatorChecks.secrets(s, policy, errors);
      if (s.cluster() != null && !clusterNames.contains(s.cluster().name())) {
        errors.add(
            new Diagnostic(
                s.path(),
                s.cluster().mark(),
                s.cluster().field(),
                "no Cluster named '"
                    + s.cluster().name()
                    + "'"
                    + (clusterNames.isEmpty()
                        ? "; the repository defines none"
                        : "; defined: " + String.join(", ", clusterNames))));
      }
      if (s.stack() != null) {
        stacks.put(s.name(), s.stack());
      }
    }
    SortedMap<String, ClusterSpec> clusters = new TreeMap<>();
    for (ReadDocument d : all(byKind, "Cluster")) {
      ReadCluster c = (ReadCluster) d;
      if (c.region() != null) {
        inFleet(c.path(), c.region(), fleet, errors);
      }
      if (c.cluster() != null) {
        clusters.put(c.name(), c.cluster());
      }
    }
    SortedMap<String, Scenario> scenarios = new TreeMap<>();
    for (ReadDocument d : all(byKind, "Scenario")) {
      ReadScenario s = (ReadScenario) d;
      if (s.scenario() != null) {
        scenarios.put(s.name(), s.scenario());
      }
    }
    if (errors.isEmpty()) {
      FleetSpec places = DesiredState.fleetOrDefault(fleet, clusters);
      for (ReadDocument d : all(byKind, "Scenario")) {
        faultPlaces((ReadScenario) d, places, errors);
      }
    }
    Collections.sort(errors);
    if (!errors.isEmpty()) {
      return new DesiredState(
          new TreeMap<>(), null, new TreeMap<>(), new TreeMap<>(), errors, documents);
    }
    return new DesiredState(stacks, fleet, clusters, scenarios, errors, documents);
  }

  /** A scenario's faults must name regions, zones and nodes the repository has. */
  private static void faultPlaces(ReadScenario s, FleetSpec places, List<Diagnostic> errors) {
    for (ScenarioReferences.Problem p : ScenarioReferences.problems(s.scenario(), places)) {
      Mark at =
          p.event() < s.faultMarks().size() && s.faultMarks().get(p.event()) != null
              ? s.faultMarks().get(p.event())
              : s.nameMark();
      errors.add(new Diagnostic(s.path(), at, p.field(), p.message()));
    }
  }

  private static void duplicates(List<ReadDocument> same, List<Diagnostic> errors) {
    if (same.size() < 2) {
      return;
    }
    String where = String.join(", ", same.stream().map(ReadDocument::path).toList());
    for (ReadDocument d : same) {
      errors.add(
          at(
              d,
              "metadata.name",
              d.kind().toLowerCase(Locale.ROOT)
                  + " '"
                  + d.name()
                  + "' is defined more than once: "
                  + where));
    }
  }

  private static void inFleet(
      String path, Reference region, FleetSpec fleet, List<Diagnostic> errors) {
    if (fleet == null || fleet.region(region.name()).isPresent()) {
      return;
    }
    String known =
        String.join(", ", fleet.regions().stream().map(FleetSpec.RegionSpec::name).toList());
    String what =
        region.field().equals(StackReader.DEFAULT_REGIONS_FIELD)
            ? "not set, and the default region '" + region.name() + "'"
            : "region '" + region.name() + "'";
    errors.add(
        new Diagnostic(
            path,
            region.mark(),
            region.field(),
            what + " is not in Fleet '" + fleet.name() + "' (" + known + ")"));
  }

  private static List<ReadDocument> all(
      Map<String, Map<String, List<ReadDocument>>> byKind, String kind) {
    List<ReadDocument> all = new ArrayList<>();
    byKind.getOrDefault(kind, Map.of()).values().forEach(all::addAll);
    return all;
  }

  private static Diagnostic at(ReadDocument d, String field, String message) {
    return new Diagnostic(d.path(), d.nameMark(), field, message);
  }
}
