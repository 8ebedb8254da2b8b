package dev.berth.simulator.scenario;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Something a scenario makes happen at a time after its start. */
public sealed interface ScenarioEvent {

  Duration at();

  /** What the event does, in a few words, for timelines and charts. */
  String describe();

  /**
   * A commit to the desired-state repository: plain-text replacements in a file, a whole new
   * content, or its deletion.
   */
  record Commit(Duration at, String path, SortedMap<String, String> replace, String content, boolean delete)
      implements ScenarioEvent {
    public Commit {
      replace = new TreeMap<>(replace == null ? Map.of() : replace);
    }

    @Override
    public String describe() {
      if (delete) {
        return "commit: delete " + path;
      }
      if (content != null) {
        return "commit: rewrite " + path;
      }
      return "commit: " + path + " " + String.join(", ", replace.entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList());
    }
  }

  /** A fault injected into the simulated world. */
  record Inject(Duration at, Fault fault) implements ScenarioEvent {
    @Override
    public String describe() {
      return fault.describe();
    }
  }
}
