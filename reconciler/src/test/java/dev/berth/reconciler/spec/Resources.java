package dev.berth.reconciler.spec;

import dev.berth.workflows.secrets.NeverResolved;
import dev.berth.workflows.secrets.SecretPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/** Test files from the classpath, and a reader over in-memory files. */
final class Resources {

  /**
   * A policy that lets every well-formed secret reference through (but Berth's own), for the tests
   * of what a file says; the operator's checks have tests of their own (OperatorPolicyTest).
   */
  static final OperatorPolicy ANY_SECRET =
      new OperatorPolicy(
          SecretPolicy.parse("env:*, file:/**, keyvault:*/*", NeverResolved.ofThisProcess()),
          AciScopes.ANY);

  private Resources() {}

  static byte[] bytes(String name) {
    try (InputStream in = Resources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code path, content, path, content, ...}. */
  static DesiredState read(String... pathsAndContents) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return new DesiredStateReader(ANY_SECRET).read(files);
  }
}
