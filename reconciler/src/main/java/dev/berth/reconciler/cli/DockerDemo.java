package dev.berth.reconciler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code berth demo --docker}: the samples made to run on this machine's Docker engine, as a user
 * would edit them. A Cluster {@code local} with one node, the engine; every stack's target {@code
 * cluster:local}; images swapped where the samples name one no registry has (and as {@code --image}
 * asks); on the host's network, one replica of each service, replaced in place on upgrades (a host
 * port serves one replica per node, so a new replica cannot start beside the old one). Each change
 * is said.
 */
final class DockerDemo {

  /** The samples' shop front end is made up; nginx stands in for it. */
  static final Map<String, String> DEFAULT_IMAGES =
      Map.of("ghcr.io/acme/web:1.4.2", "nginx:1.27-alpine");

  static final String CLUSTER_FILE = "docker-cluster.yaml";

  private DockerDemo() {}

  static void adapt(
      Path repo, String endpoint, boolean hostNetwork, Map<String, String> images, PrintWriter out)
      throws IOException {
    Files.writeString(
        repo.resolve(CLUSTER_FILE), cluster(endpoint, hostNetwork), StandardCharsets.UTF_8);
    out.println(
        "berth demo: added "
            + CLUSTER_FILE
            + ": Cluster local, one node 'here' at "
            + endpoint
            + " (network: "
            + (hostNetwork ? "host" : "bridge")
            + ")");
    Map<String, String> swaps = new LinkedHashMap<>(DEFAULT_IMAGES);
    swaps.putAll(images);
    List<Path> stacks = new ArrayList<>();
    try (Stream<Path> files = Files.list(repo.resolve("stacks"))) {
      files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(stacks::add);
    }
    for (Path file : stacks) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String edited =
          text.replaceAll("(?m)^  target: .*$\\n", "")
              .replaceFirst("(?m)^spec:\\n", "spec:\n  target: cluster:local\n");
      for (Map.Entry<String, String> swap : swaps.entrySet()) {
        if (edited.contains("image: " + swap.getKey())) {
          edited = edited.replace("image: " + swap.getKey(), "image: " + swap.getValue());
          out.println(
              "berth demo: "
                  + repo.relativize(file)
                  + ": image "
                  + swap.getKey()
                  + " -> "
                  + swap.getValue());
        }
      }
      if (hostNetwork) {
        String one =
            Pattern.compile("(?m)^(\\s+)replicas: [0-9]+$")
                .matcher(edited)
                .replaceAll(
                    m ->
                        m.group(1)
                            + "replicas: 1\n"
                            + m.group(1)
                            + "upgrade: {maxSurge: 0, maxUnavailable: 1}");
        if (!one.equals(edited)) {
          out.println(
              "berth demo: "
                  + repo.relativize(file)
                  + ": one replica per service, replaced in place on upgrades"
                  + " (network: host: a port serves one replica per node)");
        }
        edited = one;
      }
      Files.writeString(file, edited, StandardCharsets.UTF_8);
      out.println("berth demo: " + repo.relativize(file) + ": target cluster:local");
    }
  }

  /** {@code FROM=TO} pairs. */
  static Map<String, String> images(List<String> pairs) {
    Map<String, String> images = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new UserError(2, "--image takes FROM=TO, got '" + pair + "'");
      }
      images.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return images;
  }

  private static String cluster(String endpoint, boolean hostNetwork) {
    return """
        # This machine's Docker engine as one node (written by berth demo --docker).
        apiVersion: berth.dev/v1
        kind: Cluster
        metadata: {name: local}
        spec:
          region: westeurope
          nodes:
            - name: here
              docker: %s
              network: %s
              zone: "1"
              cpu: 8          # what Berth may fill: Docker's limits cap containers, they reserve nothing
              memoryGb: 16
        """
        .formatted(endpoint, hostNetwork ? "host" : "bridge");
  }
}
