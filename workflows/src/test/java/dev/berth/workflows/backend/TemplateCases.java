package dev.berth.workflows.backend;

import dev.berth.workflows.model.Autoscale;
import dev.berth.workflows.model.Gpu;
import dev.berth.workflows.model.HealthProbe;
import dev.berth.workflows.model.SecretRef;
import dev.berth.workflows.model.ServiceSpec;
import dev.berth.workflows.model.Sidecar;
import dev.berth.workflows.model.Spread;
import dev.berth.workflows.model.UpgradePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Services whose template digests are pinned: one per part of the encoding, and the corners of each
 * (absent optional parts, empty lists, odd characters, several sidecars, discovery env).
 */
final class TemplateCases {

  /** A service and the discovery env it is given. */
  record Case(ServiceSpec service, SortedMap<String, String> discovery) {}

  private TemplateCases() {}

  static Map<String, Case> all() {
    Map<String, Case> cases = new LinkedHashMap<>();
    ServiceSpec basic =
        ServiceSpec.basic("web", "ghcr.io/acme/web:1.4.2", 3, 1.0, 1.5, List.of(80));
    cases.put("basic", plain(basic));
    cases.put(
        "no-ports", plain(ServiceSpec.basic("worker", "busybox:1.36", 1, 0.1, 0.1, List.of())));
    cases.put(
        "many-ports",
        plain(
            ServiceSpec.basic(
                "gw", "envoyproxy/envoy:v1.30", 2, 2.25, 3.75, List.of(443, 80, 9901))));
    cases.put("replicas-ignored", plain(basic.withReplicas(17)));
    cases.put("digest-image", plain(basic.withImage("ghcr.io/acme/web@sha256:" + "ab".repeat(32))));
    cases.put(
        "gpu",
        plain(
            full(
                basic,
                new Gpu(2, "V100"),
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                null,
                List.of())));
    cases.put(
        "gpu-k80-one",
        plain(
            full(
                basic,
                new Gpu(1, "K80"),
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                null,
                List.of())));
    cases.put(
        "command",
        plain(
            full(
                basic,
                null,
                List.of("/bin/web", "--port=80", "a b, c", "x=y"),
                false,
                null,
                Map.of(),
                Map.of(),
                null,
                List.of())));
    cases.put(
        "public-dns",
        plain(full(basic, null, List.of(), true, "shop-web", Map.of(), Map.of(), null, List.of())));
    cases.put(
        "public-no-dns",
        plain(full(basic, null, List.of(), true, null, Map.of(), Map.of(), null, List.of())));
    cases.put(
        "env",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of(
                    "LOG_LEVEL",
                    "info",
                    "A",
                    "",
                    "GREETING",
                    "hello, world={x}",
                    "ÜMLAUT",
                    "grüße"),
                Map.of(),
                null,
                List.of())));
    cases.put(
        "secrets",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of("LOG_LEVEL", "debug"),
                Map.of(
                    "DB_PASSWORD",
                    new SecretRef(SecretRef.Source.ENV, "SHOP_DB_PASSWORD"),
                    "API_KEY",
                    new SecretRef(SecretRef.Source.KEYVAULT, "shop-kv/api-key"),
                    "TLS_KEY",
                    new SecretRef(SecretRef.Source.FILE, "/run/berth/secrets/tls.key")),
                null,
                List.of())));
    cases.put(
        "probe-http",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 80, List.of(), 5, 10, 3),
                List.of())));
    cases.put(
        "probe-http-no-path",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                new HealthProbe(HealthProbe.Kind.HTTP, null, 8080, List.of(), 0, 10, 3),
                List.of())));
    cases.put(
        "probe-tcp",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                new HealthProbe(HealthProbe.Kind.TCP, null, 6379, List.of(), 0, 10, 3),
                List.of())));
    cases.put(
        "probe-exec",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                new HealthProbe(
                    HealthProbe.Kind.EXEC, null, 0, List.of("cat", "/tmp/ready"), 15, 30, 1),
                List.of())));
    cases.put(
        "sidecar",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                null,
                List.of(Sidecar.of("log-shipper", "fluent/fluent-bit:3.0", 0.1, 0.2)))));
    cases.put(
        "sidecars",
        plain(
            full(
                basic,
                null,
                List.of(),
                false,
                null,
                Map.of(),
                Map.of(),
                null,
                List.of(
                    new Sidecar(
                        "proxy",
                        "envoyproxy/envoy:v1.30",
                        0.25,
                        0.5,
                        List.of("envoy", "-c", "/etc/envoy.yaml"),
                        sorted(Map.of("LEVEL", "warn"))),
                    Sidecar.of("log-shipper", "fluent/fluent-bit:3.0", 0.1, 0.2)))));
    cases.put(
        "placement-rules-ignored",
        plain(
            new ServiceSpec(
                "web",
                "ghcr.io/acme/web:1.4.2",
                5,
                1.0,
                1.5,
                null,
                List.of(),
                List.of(80),
                false,
                null,
                null,
                null,
                null,
                Spread.REGION,
                List.of("cache"),
                List.of("batch"),
                new Autoscale(2, 20, 60),
                new UpgradePolicy(2, 1, 300, UpgradePolicy.Rollback.MANUAL),
                List.of("cache"),
                List.of())));
    cases.put("discovery-one", new Case(basic, sorted(Map.of("CACHE_ADDRS", "10.0.0.4:6379"))));
    cases.put("discovery-empty-value", new Case(basic, sorted(Map.of("CACHE_ADDRS", ""))));
    cases.put(
        "discovery-two",
        new Case(
            basic,
            sorted(
                Map.of(
                    "CACHE_ADDRS", "10.0.0.4:6379,10.0.0.5:6379", "API_ADDRS", "10.1.2.3:8080"))));
    cases.put(
        "everything",
        new Case(
            full(
                basic,
                new Gpu(1, "P100"),
                List.of("/bin/web", "--port=80"),
                true,
                "shop-web",
                Map.of("LOG_LEVEL", "info"),
                Map.of("DB_PASSWORD", new SecretRef(SecretRef.Source.ENV, "SHOP_DB_PASSWORD")),
                new HealthProbe(HealthProbe.Kind.HTTP, "/healthz", 80, List.of(), 5, 10, 3),
                List.of(Sidecar.of("log-shipper", "fluent/fluent-bit:3.0", 0.1, 0.2))),
            sorted(Map.of("CACHE_ADDRS", "10.0.0.4:6379"))));
    return cases;
  }

  static ServiceSpec full(
      ServiceSpec base,
      Gpu gpu,
      List<String> command,
      boolean publicIp,
      String dnsLabel,
      Map<String, String> env,
      Map<String, SecretRef> secrets,
      HealthProbe health,
      List<Sidecar> sidecars) {
    return new ServiceSpec(
        base.name(),
        base.image(),
        base.replicas(),
        base.cpu(),
        base.memoryGb(),
        gpu,
        command,
        base.ports(),
        publicIp,
        dnsLabel,
        sorted(env),
        sorted(secrets),
        health,
        base.spread(),
        base.colocate(),
        base.avoid(),
        base.autoscale(),
        base.upgrade(),
        base.dependsOn(),
        sidecars);
  }

  private static Case plain(ServiceSpec s) {
    return new Case(s, new TreeMap<>());
  }

  static <V> SortedMap<String, V> sorted(Map<String, V> map) {
    return new TreeMap<>(map);
  }
}
