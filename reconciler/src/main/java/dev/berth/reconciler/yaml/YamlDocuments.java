package dev.berth.reconciler.yaml;

import java.util.List;

/**
 * The documents of one YAML file, or the error that stopped reading it.
 *
 * @param error null when the whole file was read
 */
public record YamlDocuments(List<YNode> documents, YamlError error) {

  public YamlDocuments {
    documents = List.copyOf(documents);
  }

  /** Why a file could not be read as YAML, and where. */
  public record YamlError(Mark mark, String message) {}
}
