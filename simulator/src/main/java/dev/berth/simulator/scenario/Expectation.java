package dev.berth.simulator.scenario;

import java.time.Duration;

/** What must hold for a scenario to pass. */
public sealed interface Expectation {

  String describe();

  /** The stack had at least its desired healthy replicas this share of the time. */
  record Availability(String stack, double percent) implements Expectation {
    @Override
    public String describe() {
      return stack + " available >= " + percent + "%";
    }
  }

  /** After every fault, the stack was whole again within this time. */
  record RecoveredWithin(String stack, Duration within) implements Expectation {
    @Override
    public String describe() {
      return stack + " recovered within " + within.toMinutes() + "m of every fault";
    }
  }

  /** At the end, every healthy replica of the service runs this image. */
  record FinalImage(String stack, String service, String image) implements Expectation {
    @Override
    public String describe() {
      return stack + "/" + service + " ends on " + image;
    }
  }
}
