package dev.berth.workflows.aci;

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
 * <p>A reference that cannot be resolved is a {@link BackendException.Kind#INVALID} naming the
 * reference, never a value.
 */
public final class SecretResolver {

  private final Function<String, String> environment;
  private final Optional<KeyVault> keyVault;

  /**
   * @param environment looks a variable up, null when unset
   * @param keyVault empty when Key Vault references are not available
   */
  public SecretResolver(Function<String, String> environment, Optional<KeyVault> keyVault) {
    this.environment = environment;
    this.keyVault = keyVault;
  }

  /** The process environment and the file system; Key Vault references are refused. */
  public static SecretResolver local() {
    return new SecretResolver(System::getenv, Optional.empty());
  }

  public String resolve(SecretRef ref) {
    return switch (ref.source()) {
      case ENV -> fromEnvironment(ref);
      case FILE -> fromFile(ref);
      case KEYVAULT -> fromKeyVault(ref);
    };
  }

  private String fromEnvironment(SecretRef ref) {
    String value = environment.apply(ref.location());
    if (value == null) {
      throw invalid(ref, "the variable is not set in the reconciler's environment");
    }
    return value;
  }

  private static String fromFile(SecretRef ref) {
    try {
      String text = Files.readString(Path.of(ref.location()));
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException | RuntimeException e) {
      throw invalid(ref, "the file cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private String fromKeyVault(SecretRef ref) {
    KeyVault vault = keyVault.orElseThrow(() -> invalid(ref,
        "keyvault references need an Azure identity; run with --backend aci and a credential that can read the vault"));
    int slash = ref.location().indexOf('/');
    if (slash <= 0 || slash == ref.location().length() - 1) {
      throw invalid(ref, "write keyvault:<vault>/<secret>");
    }
    return vault.secret(ref.location().substring(0, slash), ref.location().substring(slash + 1));
  }

  private static BackendException invalid(SecretRef ref, String why) {
    return new BackendException(BackendException.Kind.INVALID, "secret " + ref + ": " + why);
  }
}
