package dev.berth.simulator.scenario;

import java.time.Duration;

/** What must hold for a scenario to pass. {@code service} null means every service of the stack. */
public sealed interface Expectation {

  String stack();

  /** The service looked at, or null for every service of the stack. */
  String service();

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
      return subject(stack, service)
          + " recovered within "
          + within.toMinutes()
          + "m of every fault";
    }
  }

  /** {@code stack} or {@code stack/service}: the series prefix an expectation looks at. */
  static String subject(String stack, String service) {
    return service == null ? stack : stack + "/" + service;
  }

  /**
   * At the end, every group of the service runs this image (none of a release rolled back is left),
   * and one is healthy.
   */
  record FinalImage(String stack, String service, String image) implements Expectation {
    @Override
    public String describe() {
      return stack + "/" + service + " ends on " + image;
    }
  }

  /**
   * After every change of the replicas Git asks for, the stack (or service) had them healthy within
   * this.
   */
  record ScaledWithin(String stack, String service, Duration within) implements Expectation {
    @Override
    public String describe() {
      return subject(stack, service)
          + " scaled within "
          + within.toMinutes()
          + "m of every change of its desired replicas";
    }
  }

  /**
   * After every commit that puts the stack on a cluster's VMs and every fall of the service's
   * desired replicas, the service ran whole on the VMs within this.
   */
  record OnVmsWithin(String stack, String service, Duration within) implements Expectation {
    @Override
    public String describe() {
      return stack
          + "/"
          + service
          + " whole on the cluster's VMs within "
          + within.toMinutes()
          + "m of moving there or scaling in";
    }
  }
}
