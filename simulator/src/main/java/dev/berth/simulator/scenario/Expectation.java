package dev.berth.simulator.scenario;

import java.time.Duration;

/**
 * What must hold for a scenario to pass. {@code service} null means every service of the stack.
 */
public sealed interface Expectation {

  String describe();

  /** The stack (or service) had at least its desired healthy replicas this share of the time. */
  record Availability(String stack, String service, double percent) implements Expectation {
    @Override
    public String describe() {
      return subject(stack, service) + " available >= " + percent + "%";
    }
  }

  /** After every fault, the stack (or service) was whole again within this time. */
  record RecoveredWithin(String stack, String service, Duration within) implements Expectation {
    @Override
    public String describe() {
      return subject(stack, service) + " recovered within " + within.toMinutes() + "m of every fault";
    }
  }

  /** {@code stack} or {@code stack/service}: the series prefix an expectation looks at. */
  static String subject(String stack, String service) {
    return service == null ? stack : stack + "/" + service;
  }

  /** At the end, every healthy replica of the service runs this image. */
  record FinalImage(String stack, String service, String image) implements Expectation {
    @Override
    public String describe() {
      return stack + "/" + service + " ends on " + image;
    }
  }
}
