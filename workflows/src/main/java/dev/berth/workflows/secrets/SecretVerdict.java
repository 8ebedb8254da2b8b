package dev.berth.workflows.secrets;

import dev.berth.workflows.model.SecretRef;
import java.nio.file.Path;

/** What the secret policy says of one reference. */
public sealed interface SecretVerdict {

  SecretRef ref();

  /**
   * @param file for a {@code file:} reference, where it leads (links resolved); else null
   */
  record Allowed(SecretRef ref, Path file) implements SecretVerdict {}

  /**
   * @param reason one line, naming the reference and never a value
   */
  record Refused(SecretRef ref, String reason) implements SecretVerdict {}
}
