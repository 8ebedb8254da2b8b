package dev.berth.reconciler.spec;

import java.util.regex.Pattern;

/** Syntax rules for names users write. */
final class Names {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** Registry host (optional), repository path, and a tag or digest; lower case, as OCI demands. */
  private static final Pattern IMAGE =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?/)?"
              + "[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*"
              + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");

  private Names() {}

  /** Null when valid, else why not. */
  static String dnsLabelProblem(String name) {
    if (name.length() > 63) {
      return "must be at most 63 characters, got " + name.length();
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      return "must be a DNS label (lower-case letters, digits and '-', starting and ending with"
          + " a letter or digit), got '" + name + "'";
    }
    return null;
  }

  static boolean isImage(String image) {
    return image.length() <= 512 && IMAGE.matcher(image).matches();
  }
}
