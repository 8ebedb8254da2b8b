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

  /** The image a service runs when the scenario ends. */
  record FinalImage(String stack, String service, String image) implements Expectation {}
}
