package dev.berth.reconciler.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's say over Docker nodes, never read from the repository: which engine endpoints
 * Berth may reach ({@code --docker-endpoints} / {@code BERTH_DOCKER_ENDPOINTS}, patterns where
 * {@code *} matches anything; none by default, so a commit cannot point Berth at an engine the
 * operator did not name) and where TLS certificates for {@code tcp://} endpoints live ({@code
 * --docker-certs} / {@code BERTH_DOCKER_CERTS}: {@code <dir>/<host>/} or else {@code <dir>/}, each
 * with {@code ca.pem}, {@code cert.pem} and {@code key.pem}, as Docker's {@code DOCKER_CERT_PATH}),
 * and which ssh configuration file {@code ssh://} endpoints use ({@code --docker-ssh-config} /
 * {@code BERTH_DOCKER_SSH_CONFIG}; ssh's own {@code ~/.ssh/config} otherwise).
 */
public record EnginePolicy(List<String> allowed, Optional<Path> certs, Optional<Path> sshConfig) {

  public static final String ENDPOINTS_VARIABLE = "BERTH_DOCKER_ENDPOINTS";
  public static final String CERTS_VARIABLE = "BERTH_DOCKER_CERTS";
  public static final String SSH_CONFIG_VARIABLE = "BERTH_DOCKER_SSH_CONFIG";

  public EnginePolicy {
    allowed = List.copyOf(allowed);
  }

  /** Comma-separated patterns, and a certificate folder or none. */
  public static EnginePolicy of(String patterns, Path certs) {
    return of(patterns, certs, null);
  }

  /** Comma-separated patterns, a certificate folder or none, an ssh configuration file or none. */
  public static EnginePolicy of(String patterns, Path certs, Path sshConfig) {
    List<String> list =
        patterns == null
            ? List.of()
            : Arrays.stream(patterns.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .toList();
    return new EnginePolicy(list, Optional.ofNullable(certs), Optional.ofNullable(sshConfig));
  }

  /** Why Berth may not reach the endpoint, or empty when it may. */
  public Optional<String> refusal(String endpoint) {
    for (String pattern : allowed) {
      if (glob(pattern).matcher(endpoint).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(
        "docker endpoint "
            + endpoint
            + " is not allowed by the operator (--docker-endpoints or "
            + ENDPOINTS_VARIABLE
            + (allowed.isEmpty() ? ", unset" : ": " + String.join(",", allowed))
            + ")");
  }

  /**
   * The folder with {@code ca.pem}, {@code cert.pem} and {@code key.pem} for a TLS endpoint's host.
   */
  Optional<Path> certificatesFor(String host) {
    if (certs.isEmpty()) {
      return Optional.empty();
    }
    for (Path dir : List.of(certs.get().resolve(host), certs.get())) {
      if (List.of("ca.pem", "cert.pem", "key.pem").stream()
          .allMatch(f -> Files.isReadable(dir.resolve(f)))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
