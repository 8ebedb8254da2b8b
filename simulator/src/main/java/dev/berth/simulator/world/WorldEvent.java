package dev.berth.simulator.world;

import java.time.Instant;

/** Something that happened in the simulated world, for timelines and reports. */
public record WorldEvent(Instant at, Kind kind, String stack, String subject, String detail) {

  /** What happened. */
  public enum Kind {
    CREATED,
    DELETED,
    FAILED,
    REFUSED,
    FAULT,
    RECOVERED,
    RESTARTED,
    UPDATED,
    STOPPED,
    STARTED
  }
}
