package dev.berth.reconciler.spec.scenario;

import java.time.Duration;

/**
 * A fault injected into the simulated world. {@code lasts} is how long it lasts ({@code for:} in
 * YAML), or null for the rest of the run; a crash is instantaneous.
 */
public sealed interface Fault extends ScenarioEvent.Action {

  /** Every zone of a region stops: its groups fail, nothing new starts there. */
  record RegionOutage(String region, Duration lasts) implements Fault {}

  /** One zone of a region stops. */
  record ZoneOutage(String region, String zone, Duration lasts) implements Fault {}

  /** Groups running this image never turn healthy. */
  record BadImage(String image, Duration lasts) implements Fault {}

  /** From then on ACI cannot pull this image: a group of it is refused at create (400 InaccessibleImage). */
  record UnpullableImage(String image, Duration lasts) implements Fault {}

  /** A fraction of control-plane calls fail with an HTTP status (429, 5xx). */
  record ApiErrors(double rate, int status, Duration lasts) implements Fault {}

  /** One VM node of a cluster's pool fails ({@code <cluster>/<pool>-<n>}). */
  record NodeFailure(String cluster, String node, Duration lasts) implements Fault {}

  /** Some replicas of a service crash once. */
  record Crash(String stack, String service, int replicas) implements Fault {}

  /**
   * Someone changes one replica's group behind Git's back, once: runs another {@code image},
   * {@code command} or {@code env} (null, null, empty: unchanged) in place, or deletes it.
   */
  record Tamper(
      String stack, String service, int ordinal, String image, java.util.List<String> command,
      java.util.SortedMap<String, String> env, boolean delete) implements Fault {}
}
