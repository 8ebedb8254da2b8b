package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.simulator.scenario.Scenario;
import dev.berth.workflows.model.ClusterSpec;
import dev.berth.workflows.model.FleetSpec;
import java.util.List;

/**
 * One Berth document of a file, as far as it could be read: its kind, name and where the name was
 * written (for duplicate checks), the value when the document is valid on its own (else null), and
 * the references that only the whole repository can check.
 */
public sealed interface ReadDocument {

  String path();

  String kind();

  String name();

  Mark nameMark();

  /**
   * A {@code kind: Stack}; {@code stack} is null when invalid.
   *
   * @param secrets every well-formed secret reference, for the operator's policy
   */
  record ReadStack(
      String path,
      String name,
      Mark nameMark,
      StackDocument stack,
      List<Reference> regions,
      Reference cluster,
      List<SecretUse> secrets)
      implements ReadDocument {
    public ReadStack {
      regions = List.copyOf(regions);
      secrets = List.copyOf(secrets);
    }

    @Override
    public String kind() {
      return "Stack";
    }
  }

  /**
   * A {@code kind: Fleet}; {@code fleet} is null when invalid.
   *
   * @param places where {@code spec.aci} names its destination, for the operator's scopes
   */
  record ReadFleet(String path, String name, Mark nameMark, FleetSpec fleet, AciPlaces places)
      implements ReadDocument {

    public ReadFleet(String path, String name, Mark nameMark, FleetSpec fleet) {
      this(path, name, nameMark, fleet, AciPlaces.NONE);
    }

    ReadFleet at(AciPlaces where) {
      return new ReadFleet(path, name, nameMark, fleet, where);
    }

    @Override
    public String kind() {
      return "Fleet";
    }
  }

  /** A {@code kind: Cluster}; {@code cluster} is null when invalid. */
  record ReadCluster(String path, String name, Mark nameMark, ClusterSpec cluster, Reference region)
      implements ReadDocument {
    @Override
    public String kind() {
      return "Cluster";
    }
  }

  /**
   * A {@code kind: Scenario}; {@code scenario} is null when invalid.
   *
   * @param faultMarks where each event's {@code fault} is, by event (null for a commit)
   * @param marks where its commits and expectations are, for the checks against the repository
   */
  record ReadScenario(
      String path,
      String name,
      Mark nameMark,
      Scenario scenario,
      List<Mark> faultMarks,
      ScenarioMarks marks)
      implements ReadDocument {
    @Override
    public String kind() {
      return "Scenario";
    }
  }
}
