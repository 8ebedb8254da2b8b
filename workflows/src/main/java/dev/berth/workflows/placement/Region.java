package dev.berth.workflows.placement;

import java.util.List;

/**
 * A region with its availability zones and what ACI may still use there.
 *
 * @param quota the ACI regional quota ({@link Quota#NONE} where only VM nodes live)
 * @param groupLimit the largest single container group ACI accepts in this region
 */
public record Region(String name, List<String> zones, Quota quota, Resources groupLimit) {

  /** ACI's usual per-group limit: 4 cores, 16 GB, no GPU. */
  public static final Resources ACI_GROUP_LIMIT = new Resources(4000, 16 * 1024, 0);

  public Region {
    zones = List.copyOf(zones);
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("region " + name + " has no zones");
    }
  }

  public static Region of(String name, Quota quota, String... zones) {
    return new Region(name, List.of(zones), quota, ACI_GROUP_LIMIT);
  }
}
