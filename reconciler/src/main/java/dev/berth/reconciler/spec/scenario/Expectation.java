package dev.berth.reconciler.spec.scenario;

import java.time.Duration;

/** What a scenario's report must show for it to pass. */
public sealed interface Expectation {

  String stack();

  /**
   * The share of time the stack (or one service, when {@code service} is not null) ran at least its
   * desired number of healthy replicas.
   */
  record Availability(String stack, String service, double percent) implements Expectation {}

  /** After every fault, the stack (or service) was back to its desired healthy replicas within this. */
  record RecoveredWithin(String stack, String service, Duration within) implements Expectation {}

  /** The image every group of a service runs when the scenario ends (a bad one rolled back leaves none). */
  record FinalImage(String stack, String service, String image) implements Expectation {}

  /**
   * After every change of the replicas Git asks for (a commit, or the autoscaler), the stack (or
   * service) had that many healthy within this.
   */
  record ScaledWithin(String stack, String service, Duration within) implements Expectation {}

  /**
   * After every commit that puts the stack on a cluster's VMs, and after every fall of the service's
   * desired replicas, the service ran whole on the VMs (none left on ACI) within this.
   */
  record OnVmsWithin(String stack, String service, Duration within) implements Expectation {}
}
