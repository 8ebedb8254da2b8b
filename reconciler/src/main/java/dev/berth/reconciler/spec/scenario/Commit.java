package dev.berth.reconciler.spec.scenario;

import java.util.List;

/** A commit to the desired-state repository at a moment of the scenario, changing one file. */
public record Commit(String path, Change change) implements ScenarioEvent.Action {

  /** How the file changes. */
  public sealed interface Change {}

  /** Plain-text replacements in the file, applied in the order written. */
  public record Replace(List<Replacement> replacements) implements Change {
    public Replace {
      replacements = List.copyOf(replacements);
    }
  }

  /** One plain-text replacement: every occurrence of {@code from} becomes {@code to}. */
  public record Replacement(String from, String to) {}

  /** The whole new content of the file. */
  public record Content(String text) implements Change {}

  /** The file is deleted. */
  public record Delete() implements Change {}
}
