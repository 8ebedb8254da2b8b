package dev.berth.simulator.arm;

import java.util.List;
import java.util.Map;

/**
 * What the ARM facade serves: one subscription, its resource groups, and how long list pages are.
 *
 * @param resourceGroups the resource groups that exist; the first is home to groups the world made
 *     without a PUT (through the Backend SPI); any other resource group is not found
 * @param pageSize container groups per list page, as ARM's 100 by default
 */
public record ArmSettings(
    String subscription, List<String> resourceGroups, int pageSize, Map<String, Role> tokens) {

  /**
   * What a bearer token may do: read only, or read and write (Azure's Reader and Contributor
   * roles).
   */
  public enum Role {
    READER,
    CONTRIBUTOR
  }

  public static final String API_VERSION = "2023-05-01";

  /**
   * What {@code berth run --backend simulator} serves its world as, for {@code berth logs} and
   * {@code berth status --backend simulator} in another process.
   */
  public static final ArmSettings LOCAL =
      of("00000000-0000-0000-0000-000000000000", "berth-simulator");

  /** No sign-in asked for: a test double on loopback. */
  public ArmSettings(String subscription, List<String> resourceGroups, int pageSize) {
    this(subscription, resourceGroups, pageSize, Map.of());
  }

  public ArmSettings {
    tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
    resourceGroups = List.copyOf(resourceGroups);
    if (resourceGroups.isEmpty()) {
      throw new IllegalArgumentException("at least one resource group");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive, got " + pageSize);
    }
  }

  /** One subscription with one resource group, pages of 100. */
  public static ArmSettings of(String subscription, String resourceGroup) {
    return new ArmSettings(subscription, List.of(resourceGroup), 100);
  }

  public ArmSettings withPageSize(int size) {
    return new ArmSettings(subscription, resourceGroups, size, tokens);
  }

  /**
   * Asks every request for a bearer token among these: none or another is a 401, a reader's write a
   * 403.
   */
  public ArmSettings withTokens(Map<String, Role> byToken) {
    return new ArmSettings(subscription, resourceGroups, pageSize, byToken);
  }

  /** The first resource group: where groups made through the Backend SPI live. */
  public String homeResourceGroup() {
    return resourceGroups.get(0);
  }

  boolean hasResourceGroup(String name) {
    return resourceGroups.stream().anyMatch(rg -> rg.equalsIgnoreCase(name));
  }
}
