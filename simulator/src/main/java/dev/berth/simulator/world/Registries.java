package dev.berth.simulator.world;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which images the world can pull: none from a registry host in {@code .invalid} (RFC 2606 keeps
 * that name unresolvable), none that a scenario names {@code unpullableImage}, every other. ACI
 * refuses such an image at the PUT, before the group exists (400 {@code InaccessibleImage}).
 */
final class Registries {

  private final Set<String> unpullable = new HashSet<>();

  void refuse(String image) {
    unpullable.add(image);
  }

  boolean canPull(String image) {
    return !unpullable.contains(image) && !host(image).endsWith(".invalid");
  }

  /** ACI's words for an image it cannot pull, as the CLI and SDKs show them. */
  static String refusal(String image, String group) {
    return "InaccessibleImage: The image '"
        + image
        + "' in container group '"
        + group
        + "' is not accessible. Please check the image and registry credential.";
  }

  /**
   * The registry host of an image reference, Docker's way: the first part if it looks like a host,
   * else Docker Hub.
   */
  static String host(String image) {
    int slash = image.indexOf('/');
    if (slash < 0) {
      return "docker.io";
    }
    String first = image.substring(0, slash);
    if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
      return "docker.io";
    }
    int colon = first.indexOf(':');
    return (colon < 0 ? first : first.substring(0, colon)).toLowerCase(Locale.ROOT);
  }
}
