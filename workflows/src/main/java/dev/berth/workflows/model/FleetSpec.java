package dev.berth.workflows.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Where stacks may run and what each ACI region holds ({@code kind: Fleet}), with the repository's
 * VM clusters ({@code kind: Cluster}) attached.
 */
public record FleetSpec(
    String name, List<RegionSpec> regions, AciSettings aci, List<ClusterSpec> clusters) {

  public FleetSpec {
    regions = List.copyOf(regions);
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
  }

  /** A Fleet without clusters. */
  public FleetSpec(String name, List<RegionSpec> regions, AciSettings aci) {
    this(name, regions, aci, List.of());
  }

  /** The same Fleet with these clusters. */
  public FleetSpec withClusters(Collection<ClusterSpec> with) {
    return new FleetSpec(name, regions, aci, List.copyOf(with));
  }

  public Optional<ClusterSpec> cluster(String clusterName) {
    return clusters.stream().filter(c -> c.name().equals(clusterName)).findFirst();
  }

  /** The zones Berth assumes for a region no Fleet describes, as ARM names them. */
  public static final List<String> DEFAULT_ZONES = List.of("1", "2", "3");

  /** Without a Fleet: westeurope, zones 1-3, ACI's default quota. */
  public static FleetSpec defaults() {
    return new FleetSpec(
        "default",
        List.of(new RegionSpec(StackSpec.DEFAULT_REGION, DEFAULT_ZONES, Quota.ACI_DEFAULT)),
        null);
  }

  public Optional<RegionSpec> region(String name) {
    return regions.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * The zones of an ACI region: the Fleet's, or {@link #DEFAULT_ZONES} for a region it does not
   * list.
   */
  public List<String> zonesOf(String region) {
    return region(region).map(RegionSpec::zones).orElse(DEFAULT_ZONES);
  }

  /** One ACI region Berth may use. */
  public record RegionSpec(String name, List<String> zones, Quota quota) {
    public RegionSpec {
      zones = List.copyOf(zones);
      quota = quota == null ? Quota.ACI_DEFAULT : quota;
    }
  }

  /** A regional ACI quota. */
  public record Quota(int cores, double memoryGb, int groups) {
    /** ACI's documented defaults per region and subscription. */
    public static final Quota ACI_DEFAULT = new Quota(100, 400, 100);
  }

  /**
   * Settings for {@code --backend aci} only.
   *
   * @param subnets delegated subnet resource ID per region, for private networking
   * @param cloud the Azure cloud whose ARM endpoint and sign-in authority Berth uses
   * @param endpoint an https ARM endpoint that overrides the cloud's (a private proxy or a test
   *     double), or null
   * @param credential how Berth signs in to Azure
   */
  public record AciSettings(
      String subscription,
      String resourceGroup,
      SortedMap<String, String> subnets,
      Cloud cloud,
      String endpoint,
      Credential credential) {
    public AciSettings {
      subnets = Sorted.copy(subnets == null ? Map.of() : subnets);
      cloud = cloud == null ? Cloud.AZURE_CLOUD : cloud;
      credential = credential == null ? Credential.DEFAULT : credential;
    }

    /** Azure's public cloud, the cloud's own endpoint, {@code DefaultAzureCredential}. */
    public AciSettings(
        String subscription, String resourceGroup, SortedMap<String, String> subnets) {
      this(subscription, resourceGroup, subnets, Cloud.AZURE_CLOUD, null, Credential.DEFAULT);
    }
  }

  /** {@code aci.cloud}: the Azure clouds Berth knows, by the names Azure gives them. */
  public enum Cloud {
    AZURE_CLOUD("AzureCloud"),
    AZURE_CHINA_CLOUD("AzureChinaCloud"),
    AZURE_US_GOVERNMENT("AzureUSGovernment");

    private final String yamlName;

    Cloud(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }

    public static Optional<Cloud> named(String name) {
      return Arrays.stream(values()).filter(c -> c.yamlName.equals(name)).findFirst();
    }
  }

  /** {@code aci.credential}: which sign-in Berth uses. */
  public enum Credential {
    /**
     * {@code DefaultAzureCredential}: environment, workload identity, managed identity, Azure CLI,
     * in that order.
     */
    DEFAULT("default"),
    CLI("cli"),
    ENVIRONMENT("environment"),
    MANAGED_IDENTITY("managed-identity"),
    WORKLOAD_IDENTITY("workload-identity");

    private final String yamlName;

    Credential(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }

    public static Optional<Credential> named(String name) {
      return Arrays.stream(values()).filter(c -> c.yamlName.equals(name)).findFirst();
    }
  }
}
