package dev.berth.workflows.secrets;

import dev.berth.workflows.backend.BackendException;
import dev.berth.workflows.model.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a {@link SecretRef} into its value at the last moment, in the activity that creates the
 * group: {@code env:NAME} from the process environment, {@code file:/path} read from disk (one
 * trailing newline dropped), {@code keyvault:<vault>/<secret>} through a {@link KeyVault}.
 *
 * <p>Only what the operator's {@link SecretPolicy} allows is read: the check that validation made
 * when the commit arrived is made again here, on the file system as it is now (a link planted since
 * then is caught), and a {@code file:} reference reads the path the check resolved. Every value
 * read is handed to {@link SecretValues}, so failures that echo it can be redacted.
 *
 * <p>A reference that cannot or may not be resolved is a {@link BackendException.Kind#INVALID}
 * naming the reference, never a value.
 */
public final class SecretResolver {

  private final Function<String, String> environment;
  private final Optional<KeyVault> keyVault;
  private final SecretPolicy policy;

  /**
   * @param environment looks a variable up, null when unset
   * @param keyVault empty when Key Vault references are not available
   * @param policy what may be read
   */
  public SecretResolver(
      Function<String, String> environment, Optional<KeyVault> keyVault, SecretPolicy policy) {
    this.environment = environment;
    this.keyVault = keyVault;
    this.policy = policy;
  }

  /** With no policy: nothing resolves (for backends that only read what runs). */
  public SecretResolver(Function<String, String> environment, Optional<KeyVault> keyVault) {
    this(environment, keyVault, SecretPolicy.none());
  }

  /**
   * The process environment and the file system, with no policy (nothing resolves); no Key Vault.
   */
  public static SecretResolver local() {
    return new SecretResolver(System::getenv, Optional.empty());
  }

  public String resolve(SecretRef ref) {
    if (ref.source() == SecretRef.Source.KEYVAULT && keyVault.isEmpty()) {
      throw invalid(
          ref,
          "keyvault references need an Azure identity; run with --backend aci and a credential that can read the vault");
    }
    int slash = ref.location().indexOf('/');
    if (ref.source() == SecretRef.Source.KEYVAULT
        && (slash <= 0 || slash == ref.location().length() - 1)) {
      throw invalid(ref, "write keyvault:<vault>/<secret>");
    }
    SecretVerdict verdict = policy.check(ref);
    if (verdict instanceof SecretVerdict.Refused refused) {
      throw new BackendException(
          BackendException.Kind.INVALID, "secret refused: " + refused.reason());
    }
    String value =
        switch (ref.source()) {
          case ENV -> fromEnvironment(ref);
          case FILE -> fromFile(ref, ((SecretVerdict.Allowed) verdict).file());
          case KEYVAULT -> fromKeyVault(ref);
        };
    SecretValues.remember(value);
    return value;
  }

  private String fromEnvironment(SecretRef ref) {
    String value = environment.apply(ref.location());
    if (value == null) {
      throw invalid(ref, "the variable is not set in the reconciler's environment");
    }
    return value;
  }

  private static String fromFile(SecretRef ref, Path resolved) {
    try {
      String text = Files.readString(resolved);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException | RuntimeException e) {
      throw invalid(ref, "the file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private String fromKeyVault(SecretRef ref) {
    int slash = ref.location().indexOf('/');
    return keyVault
        .orElseThrow()
        .secret(ref.location().substring(0, slash), ref.location().substring(slash + 1));
  }

  private static BackendException invalid(SecretRef ref, String why) {
    return new BackendException(BackendException.Kind.INVALID, "secret " + ref + ": " + why);
  }
}
