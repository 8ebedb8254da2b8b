package dev.berth.workflows.secrets;

import dev.berth.workflows.model.SecretRef;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of the operator's secret policy ({@code --allowed-secrets}): a store and a glob over
 * its locations, e.g. {@code env:APP_*}, {@code file:/run/berth/secrets/*}, {@code
 * keyvault:shop-kv/*}. {@code *} matches within one path segment, {@code **} across segments (for
 * {@code file:} only; names of variables and vault secrets have no segments). Vault and secret
 * names compare without case, as Key Vault does; variables and files with case.
 */
public record SecretPattern(SecretRef.Source source, String glob, Pattern regex) {

  private static final Pattern ENV_GLOB = Pattern.compile("[A-Za-z0-9_*]+");
  private static final Pattern VAULT_GLOB = Pattern.compile("[A-Za-z0-9*-]+/[A-Za-z0-9*-]+");

  /**
   * Reads one pattern.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static SecretPattern parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    String store = colon < 0 ? "" : t.substring(0, colon);
    String glob = colon < 0 ? "" : t.substring(colon + 1);
    return switch (store) {
      case "env" -> {
        if (!ENV_GLOB.matcher(glob).matches()) {
          throw new IllegalArgumentException(
              "'" + t + "': write env:NAME, where NAME may use * (e.g. env:APP_*)");
        }
        yield new SecretPattern(SecretRef.Source.ENV, glob, regex(glob, 0));
      }
      case "file" -> {
        if (!glob.startsWith("/") || !SecretFiles.isNormalised(glob.replace("*", "x"))) {
          throw new IllegalArgumentException(
              "'"
                  + t
                  + "': write file:/absolute/path, without '.', '..' or '//', where * matches within a folder and ** across");
        }
        yield new SecretPattern(SecretRef.Source.FILE, glob, regex(glob, 0));
      }
      case "keyvault" -> {
        if (!VAULT_GLOB.matcher(glob).matches()) {
          throw new IllegalArgumentException(
              "'"
                  + t
                  + "': write keyvault:<vault>/<secret>, where either may use * (e.g. keyvault:shop-kv/*)");
        }
        yield new SecretPattern(
            SecretRef.Source.KEYVAULT, glob, regex(glob, Pattern.CASE_INSENSITIVE));
      }
      default ->
          throw new IllegalArgumentException(
              "'" + t + "': a pattern starts with env:, file: or keyvault:");
    };
  }

  /** Whether a reference of this store at {@code location} is within the pattern. */
  public boolean matches(SecretRef.Source store, String location) {
    return store == source && regex.matcher(location).matches();
  }

  /**
   * For a {@code file:} pattern, the folder its matches lie in: the glob up to its first {@code *},
   * cut back to the last {@code /} ({@code /run/berth/secrets} for {@code /run/berth/secrets/*}).
   */
  public Path folder() {
    int star = glob.indexOf('*');
    String literal = star < 0 ? glob : glob.substring(0, star);
    int slash = literal.lastIndexOf('/');
    return Path.of(slash <= 0 ? "/" : literal.substring(0, slash));
  }

  private static Pattern regex(String glob, int flags) {
    StringBuilder r = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("**", i)) {
        r.append(".*");
        i += 2;
      } else if (glob.charAt(i) == '*') {
        r.append("[^/]*");
        i++;
      } else {
        int next = glob.indexOf('*', i);
        int end = next < 0 ? glob.length() : next;
        r.append(Pattern.quote(glob.substring(i, end)));
        i = end;
      }
    }
    return Pattern.compile(r.toString(), flags);
  }

  @Override
  public String toString() {
    return source.name().toLowerCase(Locale.ROOT) + ":" + glob;
  }
}
