package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.workflows.model.FleetSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ARM endpoints the operator lets a Fleet's {@code aci.endpoint} name ({@code --aci-endpoint},
 * {@code BERTH_ACI_ENDPOINTS}). Berth sends its Azure bearer tokens to that endpoint, so a
 * committer who could name any would receive them: by default ({@link #NONE}) a Fleet may name none
 * and Berth uses its cloud's own endpoint. Endpoints compare by scheme, host, port and path,
 * without case and without a trailing slash.
 */
public record AciEndpoints(List<String> allowed) {

  public static final AciEndpoints NONE = new AciEndpoints(List.of());

  public AciEndpoints {
    allowed = List.copyOf(allowed);
  }

  /**
   * Endpoints from {@code --aci-endpoint} values, each of which may be a comma-separated list.
   *
   * @throws IllegalArgumentException naming the first value that is not an https URL
   */
  public static AciEndpoints parse(List<String> values) {
    List<String> allowed = new ArrayList<>();
    for (String value : values) {
      for (String one : value.split(",")) {
        if (one.isBlank()) {
          continue;
        }
        String problem = FleetReader.endpointProblem(one.trim());
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
        allowed.add(normal(one.trim()));
      }
    }
    return new AciEndpoints(allowed);
  }

  /** Whether a Fleet may name this endpoint; null (the cloud's own) always. */
  public boolean allows(String endpoint) {
    return endpoint == null || allowed.contains(normal(endpoint));
  }

  /** What is wrong with a Fleet's endpoint, at its field; empty when it is allowed. */
  List<Diagnostic> problems(String path, FleetSpec.AciSettings aci, AciPlaces at) {
    if (aci == null || allows(aci.endpoint())) {
      return List.of();
    }
    Mark where =
        at.endpoint() != null ? at.endpoint() : at.aci() != null ? at.aci() : new Mark(1, 1);
    return List.of(
        new Diagnostic(
            path,
            where,
            "spec.aci.endpoint",
            aci.endpoint()
                + " is not an ARM endpoint this Berth may send its Azure tokens to (--aci-endpoint: "
                + describe()
                + ")"));
  }

  public String describe() {
    return allowed.isEmpty() ? "none" : String.join(", ", allowed);
  }

  private static String normal(String endpoint) {
    URI uri = URI.create(endpoint.trim());
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    int port = uri.getPort() == 443 ? -1 : uri.getPort();
    return (uri.getScheme() + "://" + uri.getHost() + (port < 0 ? "" : ":" + port))
            .toLowerCase(Locale.ROOT)
        + path;
  }
}
