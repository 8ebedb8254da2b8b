package dev.berth.reconciler.spec;

import dev.berth.workflows.model.SecretRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Syntax rules for names and references users write. */
final class Names {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** Registry host (optional), repository path, and a tag or digest; lower case, as OCI demands. */
  private static final Pattern IMAGE =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?/)?"
              + "[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*"
              + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");

  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Azure region names as ARM writes them: {@code westeurope}, {@code eastus2}. */
  private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9]*");

  /** {@code keyvault:<vault>/<secret>}: Azure's rules for vault names and secret names. */
  private static final Pattern KEYVAULT =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9])/([a-zA-Z0-9-]{1,127})");

  private Names() {}

  /** Null when valid, else why not. */
  static String dnsLabelProblem(String name) {
    if (name.length() > 63) {
      return "must be at most 63 characters, got " + name.length();
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      return "must be a DNS label (lower-case letters, digits and '-', starting and ending with"
          + " a letter or digit), got '"
          + name
          + "'";
    }
    return null;
  }

  static boolean isImage(String image) {
    return image.length() <= 512 && IMAGE.matcher(image).matches();
  }

  static boolean isEnvVar(String name) {
    return ENV_VAR.matcher(name).matches();
  }

  static boolean isRegion(String name) {
    return name.length() <= 40 && REGION.matcher(name).matches();
  }

  /** A secret reference, or empty when {@code text} is not one. */
  static Optional<SecretRef> secretRef(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String location = text.substring(colon + 1);
    return switch (text.substring(0, colon)) {
      case "env" ->
          isEnvVar(location)
              ? Optional.of(new SecretRef(SecretRef.Source.ENV, location))
              : Optional.empty();
      case "file" ->
          location.startsWith("/") && location.length() > 1 && !location.contains("\0")
              ? Optional.of(new SecretRef(SecretRef.Source.FILE, location))
              : Optional.empty();
      case "keyvault" -> {
        Matcher m = KEYVAULT.matcher(location);
        yield m.matches() && !m.group(1).contains("--")
            ? Optional.of(new SecretRef(SecretRef.Source.KEYVAULT, location))
            : Optional.empty();
      }
      default -> Optional.empty();
    };
  }
}
