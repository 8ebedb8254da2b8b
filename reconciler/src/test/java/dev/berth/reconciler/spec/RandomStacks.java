package dev.berth.reconciler.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a random repository (a Fleet or none, a Cluster, one stack) where every field is drawn
 * from a few values on both sides of its limits, so most inputs are invalid in exactly a few ways
 * and a good share are valid.
 */
public final class RandomStacks {

  private static final List<String> SERVICE_NAMES =
      List.of("web", "cache", "api", "batch", "worker");

  private final Random random;

  public RandomStacks(long seed) {
    this.random = new Random(seed);
  }

  public String repository() {
    StringBuilder y = new StringBuilder();
    if (random.nextBoolean()) {
      y.append(
          "apiVersion: berth.dev/v1\nkind: Fleet\nmetadata: {name: prod}\nspec:\n  regions: [{name: westeurope}, {name: northeurope}]\n---\n");
    }
    y.append(
        "apiVersion: berth.dev/v1\nkind: Cluster\nmetadata: {name: main}\nspec:\n  region: westeurope\n  pools: [{name: d4s, nodes: 2, cpu: 4, memoryGb: 16}]\n---\n");
    y.append("apiVersion: berth.dev/v1\nkind: Stack\nmetadata: {name: ")
        .append(
            (random.nextInt(20) > 0
                ? "shop"
                : pick("a-rather-long-stack-name-for-the-shop-x", "Shop")))
        .append("}\nspec:\n");
    if (sometimes()) {
      y.append("  regions: ")
          .append(
              pick(
                  "[westeurope]",
                  "[westeurope, northeurope]",
                  "[westeurope]",
                  "[northeurope]",
                  "[eastus]",
                  "[westeurope, westeurope]",
                  "[]"))
          .append('\n');
    }
    if (sometimes()) {
      y.append("  target: ")
          .append(
              pick("aci", "cluster:main", "burst:main", "aci", "cluster:main", "burst:nope", "k8s"))
          .append('\n');
    }
    int services = 1 + random.nextInt(4);
    List<String> names = new ArrayList<>(SERVICE_NAMES.subList(0, services));
    if (random.nextInt(10) == 0) {
      names.set(names.size() - 1, pick("web", "Web", "a-service-name-that-is-quite-long"));
    }
    y.append("  services:\n");
    for (String name : names) {
      y.append("    - name: ").append(name).append('\n');
      service(y, name, names);
    }
    return y.toString();
  }

  private void service(StringBuilder y, String self, List<String> names) {
    y.append("      image: ")
        .append(random.nextInt(20) > 0 ? "nginx:1.25" : pick("Nginx", "''", "a b"))
        .append('\n');
    field(y, "replicas", 4, "0", "1", "3", "1000", "1001", "-1", "2.5");
    field(y, "cpu", 5, "0.1", "1", "2.5", "3.9", "4", "0.05", "4.01", "'1'");
    field(y, "memoryGb", 5, "0.1", "1", "8", "15.9", "16", "0.05", "16.5");
    field(
        y,
        "gpu",
        2,
        "{count: 1, sku: V100}",
        "{count: 4, sku: K80}",
        "{count: 5, sku: V100}",
        "{count: 1, sku: A100}",
        "{sku: P100}");
    field(y, "ports", 4, "[80]", "[80, 443]", "[65535]", "[]", "[80, 80]", "[0]", "[65536]");
    boolean publicIp = sometimes() && random.nextBoolean();
    if (publicIp) {
      y.append("      public: ").append(random.nextInt(10) > 0 ? "true" : "yes").append('\n');
    }
    if (publicIp || random.nextInt(20) == 0) {
      field(y, "dnsLabel", 1, "shop-web", "Shop_Web", "x".repeat(64));
    }
    field(y, "env", 1, "{LOG_LEVEL: info}", "{1X: a}", "{PORT: 80}", "{DB: x}");
    field(
        y,
        "secretEnv",
        3,
        "{DB: 'env:DB_PASSWORD'}",
        "{DB: 'file:/run/db'}",
        "{DB: 'keyvault:acme-vault/db'}",
        "{DB: 'file:db'}",
        "{DB: 'keyvault:a/db'}",
        "{DB: hunter2}",
        "{X-Y: 'env:A'}");
    field(
        y,
        "health",
        3,
        "{http: {path: /healthz, port: 80}}",
        "{tcp: {port: 6379}}",
        "{exec: [/bin/check]}",
        "{exec: []}",
        "{http: {path: healthz, port: 80}}",
        "{http: {port: 80}, tcp: {port: 80}}",
        "{periodSeconds: 10}",
        "{tcp: {port: 1}, periodSeconds: 0}",
        "{tcp: {port: 1}, failureThreshold: 101}");
    field(y, "spread", 3, "none", "zone", "region", "rack");
    field(y, "colocate", 2, refs(self, names));
    field(y, "avoid", 2, refs(self, names));
    field(y, "dependsOn", 2, refs(self, names));
    field(
        y,
        "autoscale",
        3,
        "{min: 1, max: 3}",
        "{min: 2, max: 20, cpuPercent: 60}",
        "{min: 1, max: 1000}",
        "{min: 3, max: 2}",
        "{min: 0, max: 2}",
        "{min: 1, max: 1001}",
        "{min: 1, max: 2, cpuPercent: 0}",
        "{min: 1, max: 2, cpuPercent: 101}",
        "{max: 2}");
    field(
        y,
        "upgrade",
        4,
        "{maxSurge: 1, maxUnavailable: 0}",
        "{maxSurge: 0, maxUnavailable: 1}",
        "{healthTimeoutSeconds: 3600}",
        "{rollback: manual}",
        "{maxSurge: 0, maxUnavailable: 0}",
        "{maxSurge: 0}",
        "{maxSurge: -1}",
        "{healthTimeoutSeconds: 0}",
        "{healthTimeoutSeconds: 3601}",
        "{rollback: never}");
    if (sometimes()) {
      y.append("      sidecars:\n");
      int n = 1 + random.nextInt(2);
      for (int i = 0; i < n; i++) {
        y.append("        - {name: ")
            .append(
                i == 0
                    ? pick("log", "log", "log", "log", "log", "web")
                    : pick("metrics", "metrics", "metrics", "metrics", "log"))
            .append(", image: ")
            .append(random.nextInt(10) > 0 ? "fluent/fluent-bit:3.0" : "Fluent")
            .append(", cpu: ")
            .append(random.nextInt(10) > 0 ? pick("0.1", "0.5", "1", "2") : "0.05")
            .append(", memoryGb: ")
            .append(pick("0.1", "1", "4", "8"))
            .append("}\n");
      }
    }
  }

  /**
   * Two valid choices (another service, or none), then a self-reference, a duplicate, a dangling
   * name.
   */
  private String[] refs(String self, List<String> names) {
    List<String> others = names.stream().filter(n -> !n.equals(self)).toList();
    String other = others.isEmpty() ? null : others.get(random.nextInt(others.size()));
    String valid = other == null ? "[]" : "[" + other + "]";
    return new String[] {
      valid,
      "[]",
      "[" + self + "]",
      other == null ? "[nope]" : "[" + other + ", " + other + "]",
      "[nope]"
    };
  }

  /** Sometimes writes the field: nine times in ten one of the first {@code valid} values. */
  private void field(StringBuilder y, String key, int valid, String... values) {
    if (sometimes()) {
      int i =
          random.nextInt(10) < 9
              ? random.nextInt(valid)
              : valid + random.nextInt(values.length - valid);
      y.append("      ").append(key).append(": ").append(values[i]).append('\n');
    }
  }

  private boolean sometimes() {
    return random.nextInt(3) == 0;
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }
}
