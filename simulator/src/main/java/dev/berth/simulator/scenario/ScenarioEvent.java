package dev.berth.simulator.scenario;

import java.time.Duration;
import java.util.List;

/** Something a scenario makes happen at a time after its start. */
public sealed interface ScenarioEvent {

  Duration at();

  /** What the event does, in a few words, for timelines and charts. */
  String describe();

  /**
   * A commit to the desired-state repository: plain-text replacements in a file, a whole new
   * content, or its deletion.
   */
  record Commit(Duration at, String path, List<Replacement> replace, String content, boolean delete)
      implements ScenarioEvent {
    public Commit {
      replace = replace == null ? List.of() : List.copyOf(replace);
    }

    @Override
    public String describe() {
      if (delete) {
        return "commit: delete " + path;
      }
      if (content != null) {
        return "commit: rewrite " + path;
      }
      return "commit: "
          + path
          + " "
          + String.join(", ", replace.stream().map(r -> r.from() + " -> " + r.to()).toList());
    }
  }

  /** A plain-text replacement, applied in the order written. */
  record Replacement(String from, String to) {}

  /** A fault injected into the simulated world. */
  record Inject(Duration at, Fault fault) implements ScenarioEvent {
    @Override
    public String describe() {
      return fault.describe();
    }
  }
}
