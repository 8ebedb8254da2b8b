package dev.berth.reconciler.spec;

import dev.berth.reconciler.yaml.Mark;
import dev.berth.reconciler.yaml.YNode;
import dev.berth.reconciler.yaml.YamlDocuments;
import dev.berth.reconciler.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Reads desired-state files ({@code path -> content}) into a {@link DesiredState}, in two steps so
 * a poller can cache the first: {@link #readFile} reads one file on its own, {@link #assemble}
 * checks what spans files (duplicate names, regions of the Fleet, clusters a stack targets).
 *
 * <p>A document belongs to Berth when its {@code apiVersion} is in the {@code berth.dev} group, or
 * when it has none but a Berth {@code kind}; other documents (Kubernetes manifests, CI files) are
 * ignored. Every error of every file is reported. Thread-safe.
 */
public final class DesiredStateReader {

  public static final String API_VERSION = DocumentReader.API_VERSION;

  private final YamlReader yaml = new YamlReader();
  private final long maxRepositoryBytes;
  private final OperatorPolicy policy;

  /** With {@link OperatorPolicy#DEFAULT}: no secret reference is allowed, no destination pinned. */
  public DesiredStateReader() {
    this(OperatorPolicy.DEFAULT);
  }

  /** Refusing, besides every invalid document, what reaches past the operator's {@code policy}. */
  public DesiredStateReader(OperatorPolicy policy) {
    this(YamlReader.MAX_REPOSITORY_BYTES, policy);
  }

  DesiredStateReader(long maxRepositoryBytes) {
    this(maxRepositoryBytes, OperatorPolicy.DEFAULT);
  }

  private DesiredStateReader(long maxRepositoryBytes, OperatorPolicy policy) {
    this.maxRepositoryBytes = maxRepositoryBytes;
    this.policy = policy;
  }

  /**
   * Reads and checks a whole set of files; refuses, before parsing any, a set over the size limit.
   */
  public DesiredState read(SortedMap<String, byte[]> files) {
    long total = files.values().stream().mapToLong(b -> b.length).sum();
    if (total > maxRepositoryBytes) {
      long sum = 0;
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        sum += file.getValue().length;
        if (sum > maxRepositoryBytes) {
          Diagnostic tooMuch =
              new Diagnostic(
                  file.getKey(),
                  new Mark(1, 1),
                  "repository",
                  "the YAML files total "
                      + total
                      + " bytes, over the limit of "
                      + maxRepositoryBytes
                      + "; the limit is reached at this file");
          return assemble(List.of(new FileReading(file.getKey(), List.of(), List.of(tooMuch), 0)));
        }
      }
    }
    return assemble(readFiles(files));
  }

  /** {@link #readFile} for each file, in parallel (files are independent), in path order. */
  public List<FileReading> readFiles(SortedMap<String, byte[]> files) {
    return files.entrySet().parallelStream().map(f -> readFile(f.getKey(), f.getValue())).toList();
  }

  /** What one file says on its own; a pure function of {@code path} and {@code content}. */
  public FileReading readFile(String path, byte[] content) {
    Diagnostics out = new Diagnostics(path);
    YamlDocuments parsed = yaml.read(content);
    if (parsed.error() != null) {
      out.error(parsed.error().mark(), "yaml", parsed.error().message());
      return new FileReading(path, List.of(), out.list(), 0);
    }
    List<ReadDocument> read = new ArrayList<>();
    int documents = 0;
    for (YNode document : parsed.documents()) {
      // A top-level list or scalar is some other tool's file, never a Berth document.
      Optional<Fields> f =
          document instanceof YNode.YMap ? Fields.of(document, "", out) : Optional.empty();
      if (f.isPresent() && DocumentReader.isBerth(f.get())) {
        documents++;
        DocumentReader.read(path, f.get(), out).ifPresent(read::add);
      }
    }
    return new FileReading(path, read, out.list(), documents);
  }

  /**
   * Checks what spans files and the operator's policy, and builds the state; invalid when any file
   * has an error. (The policy is checked here, not in {@link #readFile}, so a file's reading stays
   * a function of its content alone.)
   */
  public DesiredState assemble(Collection<FileReading> files) {
    return CrossChecks.assemble(files, policy);
  }
}
