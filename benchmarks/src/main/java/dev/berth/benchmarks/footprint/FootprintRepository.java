package dev.berth.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The desired state the footprint is measured on: a Fleet of 50 Azure regions and {@code n} stacks
 * of three services each (web: 2 replicas with a log-shipper sidecar, an HTTP probe, zone spread
 * and {@code dependsOn: [api]}; api: 1 replica with a TCP probe, {@code dependsOn: [cache]}; cache:
 * 1), so 4 container groups a stack. Stack {@code i} runs in region {@code i mod 50}: the simulator
 * enforces ACI's create rate (100 per 5 minutes, 300 an hour, per region), and 80 creates a region
 * fit in one window, so 1,000 stacks are all running within minutes instead of the 7 hours two
 * regions would take.
 */
public final class FootprintRepository {

  static final int GROUPS_PER_STACK = 4;

  public static final List<String> REGIONS =
      List.of(
          "westeurope",
          "northeurope",
          "eastus",
          "eastus2",
          "westus",
          "westus2",
          "westus3",
          "centralus",
          "northcentralus",
          "southcentralus",
          "westcentralus",
          "canadacentral",
          "canadaeast",
          "brazilsouth",
          "uksouth",
          "ukwest",
          "francecentral",
          "francesouth",
          "germanywestcentral",
          "germanynorth",
          "norwayeast",
          "norwaywest",
          "swedencentral",
          "switzerlandnorth",
          "switzerlandwest",
          "polandcentral",
          "italynorth",
          "spaincentral",
          "uaenorth",
          "uaecentral",
          "southafricanorth",
          "southafricawest",
          "centralindia",
          "southindia",
          "westindia",
          "japaneast",
          "japanwest",
          "koreacentral",
          "koreasouth",
          "eastasia",
          "southeastasia",
          "australiaeast",
          "australiasoutheast",
          "australiacentral",
          "australiacentral2",
          "qatarcentral",
          "israelcentral",
          "mexicocentral",
          "newzealandnorth",
          "indonesiacentral");

  private static final PersonIdent AUTHOR = new PersonIdent("Footprint", "footprint@berth.invalid");

  private FootprintRepository() {}

  /** Writes and commits the repository on branch main; returns the commit id. */
  static String create(Path dir, int stacks) throws IOException, GitAPIException {
    Files.createDirectories(dir.resolve("stacks"));
    Files.writeString(dir.resolve("fleet.yaml"), fleet());
    for (int i = 0; i < stacks; i++) {
      Path file = dir.resolve(String.format("stacks/team-%02d/s%05d.yaml", i % 100, i));
      Files.createDirectories(file.getParent());
      Files.writeString(file, stack(i));
    }
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      return git.commit()
          .setMessage(stacks + " stacks")
          .setAuthor(AUTHOR)
          .setCommitter(AUTHOR)
          .setSign(false)
          .call()
          .getName();
    }
  }

  public static String fleet() {
    StringBuilder s =
        new StringBuilder(
            """
        apiVersion: berth.dev/v1
        kind: Fleet
        metadata: {name: footprint}
        spec:
          regions:
        """);
    for (String region : REGIONS) {
      s.append("    - {name: ")
          .append(region)
          .append(
              ", zones: [\"1\", \"2\", \"3\"], quota: {cores: 10000, memoryGb: 40000, groups: 10000}}\n");
    }
    return s.toString();
  }

  static String stack(int i) {
    return """
        apiVersion: berth.dev/v1
        kind: Stack
        metadata:
          name: s%05d
          labels: {team: team-%02d}
        spec:
          regions: [%s]
          services:
            - name: web
              image: ghcr.io/acme/web:1.%d.0
              replicas: 2
              cpu: 1.0
              memoryGb: 1.5
              ports: [80]
              env: {LOG_LEVEL: info}
              health:
                http: {path: /healthz, port: 80}
              spread: zone
              dependsOn: [api]
              sidecars:
                - {name: log-shipper, image: fluent/fluent-bit:3.0, cpu: 0.1, memoryGb: 0.2}
            - name: api
              image: ghcr.io/acme/api:2.%d.1
              replicas: 1
              cpu: 0.5
              memoryGb: 1
              ports: [8080]
              health: {tcp: {port: 8080}}
              dependsOn: [cache]
            - name: cache
              image: redis:7.2
              cpu: 0.5
              memoryGb: 1
              ports: [6379]
        """
        .formatted(i, i % 100, REGIONS.get(i % REGIONS.size()), i % 10, i % 7);
  }
}
