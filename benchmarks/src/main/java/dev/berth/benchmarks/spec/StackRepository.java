package dev.berth.benchmarks.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A desired-state repository of many stacks for benchmarks: a Fleet, a Cluster and {@code n} stacks
 * of three services each (health probes, autoscale, dependsOn, a sidecar, secrets), spread over 100
 * folders, committed to a real Git repository on disk.
 */
final class StackRepository implements AutoCloseable {

  private static final PersonIdent AUTHOR = new PersonIdent("Bench", "bench@berth.invalid");

  private final Path dir;
  private final Git git;
  private int edits;

  private StackRepository(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static StackRepository create(Path dir, int stacks) {
    try {
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      StackRepository repo = new StackRepository(dir, git);
      for (var file : files(stacks).entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.write(path, file.getValue());
      }
      git.add().addFilepattern(".").call();
      repo.commitAll("initial: " + stacks + " stacks");
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The repository's files in memory, by path. */
  static SortedMap<String, byte[]> files(int stacks) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("fleet.yaml", FLEET.getBytes(StandardCharsets.UTF_8));
    files.put("cluster.yaml", CLUSTER.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < stacks; i++) {
      files.put(path(i), stack(i, 3).getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  Path dir() {
    return dir;
  }

  /**
   * Changes one stack's replica count (never back to the original 3) and commits; returns the
   * commit id.
   */
  String changeOneStack(int stacks) {
    edits++;
    int i = (edits * 7919) % stacks;
    try {
      Files.writeString(dir.resolve(path(i)), stack(i, 4 + edits % 5));
      git.add().addFilepattern(path(i)).call();
      return commitAll("scale stack " + i);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  private String commitAll(String message) throws GitAPIException {
    return git.commit()
        .setMessage(message)
        .setAuthor(AUTHOR)
        .setCommitter(AUTHOR)
        .setSign(false)
        .call()
        .getName();
  }

  private static String path(int i) {
    return String.format("stacks/team-%02d/s%05d.yaml", i % 100, i);
  }

  static String stack(int i, int replicas) {
    return """
        apiVersion: berth.dev/v1
        kind: Stack
        metadata:
          name: s%05d
          labels: {team: team-%02d}
        spec:
          regions: [westeurope, northeurope]
          services:
            - name: web
              image: ghcr.io/acme/web:1.%d.0
              replicas: %d
              cpu: 1.0
              memoryGb: 1.5
              ports: [80]
              env: {LOG_LEVEL: info}
              secretEnv: {DB_PASSWORD: 'env:DB_PASSWORD'}
              health:
                http: {path: /healthz, port: 80}
              spread: zone
              dependsOn: [api]
              sidecars:
                - {name: log-shipper, image: fluent/fluent-bit:3.0, cpu: 0.1, memoryGb: 0.2}
            - name: api
              image: ghcr.io/acme/api:2.%d.1
              autoscale: {min: 2, max: 10, cpuPercent: 60}
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
              upgrade: {maxSurge: 0, maxUnavailable: 1}
        """
        .formatted(i, i % 100, i % 10, replicas, i % 7);
  }

  private static final String FLEET =
      """
      apiVersion: berth.dev/v1
      kind: Fleet
      metadata: {name: prod}
      spec:
        regions:
          - {name: westeurope, zones: ["1", "2", "3"], quota: {cores: 100000, memoryGb: 400000, groups: 100000}}
          - {name: northeurope, zones: ["1", "2", "3"], quota: {cores: 100000, memoryGb: 400000, groups: 100000}}
      """;

  private static final String CLUSTER =
      """
      apiVersion: berth.dev/v1
      kind: Cluster
      metadata: {name: main}
      spec:
        region: westeurope
        pools: [{name: d4s, nodes: 20, zones: ["1", "2", "3"], cpu: 4, memoryGb: 16}]
      """;

  @Override
  public void close() {
    git.close();
  }
}
