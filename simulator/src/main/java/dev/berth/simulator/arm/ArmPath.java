package dev.berth.simulator.arm;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM address of a request, taken apart. Segment names are case-insensitive, as in ARM.
 *
 * @param resourceGroup null for subscription-wide addresses
 * @param name the container group, or null for a list
 * @param action {@code restart}, {@code stop}, {@code start}, {@code logs}, or null
 * @param container the container whose logs are asked for, or null
 * @param operation an asynchronous operation's id, or null
 * @param operationResult whether the address is the operation's result ({@code operationResults},
 *     ARM's {@code Location}) rather than its status ({@code operations})
 */
record ArmPath(
    String subscription,
    String resourceGroup,
    String name,
    String action,
    String container,
    String operation,
    boolean operationResult) {

  private static final String PROVIDER = "/providers/Microsoft\\.ContainerInstance";
  private static final Pattern GROUPS =
      Pattern.compile(
          "^/subscriptions/([^/]+)(?:/resourceGroups/([^/]+))?"
              + PROVIDER
              + "/containerGroups(?:/([^/]+)(?:/(restart|stop|start)|/containers/([^/]+)/logs)?)?/?$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern OPERATIONS =
      Pattern.compile(
          "^/subscriptions/([^/]+)"
              + PROVIDER
              + "/locations/[^/]+/(operations|operationResults)/([^/]+)/?$",
          Pattern.CASE_INSENSITIVE);

  /** Null when the path is nothing the facade serves. */
  static ArmPath parse(String path) {
    Matcher g = GROUPS.matcher(path);
    if (g.matches()) {
      String action =
          g.group(4) != null
              ? g.group(4).toLowerCase(Locale.ROOT)
              : g.group(5) != null ? "logs" : null;
      return new ArmPath(g.group(1), g.group(2), g.group(3), action, g.group(5), null, false);
    }
    Matcher o = OPERATIONS.matcher(path);
    if (o.matches()) {
      return new ArmPath(
          o.group(1),
          null,
          null,
          null,
          null,
          o.group(3),
          o.group(2).equalsIgnoreCase("operationResults"));
    }
    return null;
  }

  static String groupId(String subscription, String resourceGroup, String name) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.ContainerInstance/containerGroups"
        + (name == null ? "" : "/" + name);
  }

  static String operationPath(String subscription, String location, String id) {
    return "/subscriptions/"
        + subscription
        + "/providers/Microsoft.ContainerInstance/locations/"
        + location
        + "/operations/"
        + id;
  }
}
