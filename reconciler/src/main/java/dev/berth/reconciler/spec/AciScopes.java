package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.workflows.model.FleetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure destinations the operator lets a Fleet name ({@code --aci-scope}, {@code
 * BERTH_ACI_SCOPES}): whole subscriptions ({@code /subscriptions/<id>}) or resource groups ({@code
 * /subscriptions/<id>/resourceGroups/<name>}). A Fleet's {@code aci.subscription} and {@code
 * aci.resourceGroup} must lie in one of them, and each {@code aci.subnets} id in one of their
 * subscriptions. ARM ids compare without case. {@link #ANY} pins nothing.
 */
public record AciScopes(List<Scope> scopes) {

  public static final AciScopes ANY = new AciScopes(List.of());

  private static final Pattern SCOPE =
      Pattern.compile(
          "/subscriptions/([0-9a-fA-F-]{36})(?:/resourceGroups/([-\\w._()]{1,90}))?/?",
          Pattern.CASE_INSENSITIVE);

  /**
   * @param resourceGroup null for the whole subscription
   */
  public record Scope(String subscription, String resourceGroup) {

    boolean covers(String sub, String group) {
      return subscription.equalsIgnoreCase(sub)
          && (resourceGroup == null || (group != null && resourceGroup.equalsIgnoreCase(group)));
    }

    @Override
    public String toString() {
      return "/subscriptions/"
          + subscription
          + (resourceGroup == null ? "" : "/resourceGroups/" + resourceGroup);
    }
  }

  public AciScopes {
    scopes = List.copyOf(scopes);
  }

  /**
   * Scopes from {@code --aci-scope} values, each of which may itself be a comma-separated list.
   *
   * @throws IllegalArgumentException naming the first value that is not a scope
   */
  public static AciScopes parse(List<String> values) {
    List<Scope> scopes = new ArrayList<>();
    for (String value : values) {
      for (String one : value.split(",")) {
        if (one.isBlank()) {
          continue;
        }
        Matcher m = SCOPE.matcher(one.trim());
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "'"
                  + one.trim()
                  + "' is not a scope; write /subscriptions/<subscription id> or /subscriptions/<subscription id>/resourceGroups/<name>");
        }
        scopes.add(new Scope(m.group(1).toLowerCase(Locale.ROOT), m.group(2)));
      }
    }
    return new AciScopes(scopes);
  }

  public boolean isPinned() {
    return !scopes.isEmpty();
  }

  /** Whether a destination is within the scopes (always, when nothing is pinned). */
  public boolean covers(String subscription, String resourceGroup) {
    return !isPinned() || scopes.stream().anyMatch(s -> s.covers(subscription, resourceGroup));
  }

  /**
   * What is wrong with a Fleet's destination, reported at its fields; empty when it is in scope.
   */
  List<Diagnostic> problems(String path, FleetSpec.AciSettings aci, AciPlaces at) {
    List<Diagnostic> problems = new ArrayList<>();
    if (!isPinned() || aci == null) {
      return problems;
    }
    String sub = aci.subscription();
    if (sub != null && scopes.stream().noneMatch(s -> s.subscription().equalsIgnoreCase(sub))) {
      problems.add(
          new Diagnostic(
              path,
              where(at.subscription(), at),
              "spec.aci.subscription",
              "subscription "
                  + sub
                  + " is outside the scopes this Berth may deploy to (--aci-scope: "
                  + describe()
                  + ")"));
    } else if (sub != null && aci.resourceGroup() != null && !covers(sub, aci.resourceGroup())) {
      problems.add(
          new Diagnostic(
              path,
              where(at.resourceGroup(), at),
              "spec.aci.resourceGroup",
              "resource group "
                  + aci.resourceGroup()
                  + " is outside the scopes this Berth may deploy to (--aci-scope: "
                  + describe()
                  + ")"));
    }
    for (Map.Entry<String, String> subnet : aci.subnets().entrySet()) {
      Optional<String> in = subscriptionOf(subnet.getValue());
      if (in.isEmpty()
          || scopes.stream().noneMatch(s -> s.subscription().equalsIgnoreCase(in.get()))) {
        problems.add(
            new Diagnostic(
                path,
                where(at.subnets().get(subnet.getKey()), at),
                "spec.aci.subnets." + subnet.getKey(),
                "the subnet is outside the subscriptions this Berth may deploy to (--aci-scope: "
                    + describe()
                    + ")"));
      }
    }
    return problems;
  }

  public String describe() {
    return String.join(", ", scopes.stream().map(Scope::toString).toList());
  }

  private static Mark where(Mark field, AciPlaces at) {
    return field != null ? field : at.aci() != null ? at.aci() : new Mark(1, 1);
  }

  private static Optional<String> subscriptionOf(String resourceId) {
    String[] parts = resourceId.split("/");
    return parts.length > 2 && parts[1].equalsIgnoreCase("subscriptions")
        ? Optional.of(parts[2])
        : Optional.empty();
  }
}
