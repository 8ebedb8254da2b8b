package dev.berth.reconciler.spec;

import java.util.List;

/**
 * What one file says on its own: its Berth documents and the errors found without looking at other
 * files. Depends only on the path and the content, so it can be cached by Git blob id and reused
 * while the file does not change.
 *
 * @param documents how many Berth documents the file holds, valid or not
 */
public record FileReading(
    String path, List<ReadDocument> read, List<Diagnostic> errors, int documents) {

  public FileReading {
    read = List.copyOf(read);
    errors = List.copyOf(errors);
  }
}
