package dev.berth.workflows.plan;

/** An ACI region and availability zone (empty for none). */
public record Place(String region, String zone) {

  @Override
  public String toString() {
    return zone.isEmpty() ? region : region + "/" + zone;
  }
}
