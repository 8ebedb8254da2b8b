package dev.berth.reconciler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.Diagnostic;
import dev.berth.reconciler.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth validate [PATH]}: checks every document; usable as a pre-commit hook and in CI. */
@Command(
    name = "validate",
    description = "Check every Berth document under PATH. Exit 0 valid, 1 invalid, 2 usage.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..1",
      paramLabel = "PATH",
      defaultValue = ".",
      description = "A folder or one file. Default: ${DEFAULT-VALUE}.")
  Path path;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin PolicyOptions policy;

  @Spec CommandSpec spec;

  /**
   * What {@code --json} prints; the names are empty when the set is invalid.
   *
   * @param fleet the Fleet's name, or null when there is none
   */
  record Report(
      boolean valid,
      int documents,
      List<String> stacks,
      String fleet,
      List<String> clusters,
      List<String> scenarios,
      List<Diagnostic> errors) {}

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(path)) {
      throw new UserError(2, path + ": no such file or directory");
    }
    DesiredState state = new DesiredStateReader(policy.policy()).read(files(path));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Report report =
          new Report(
              state.isValid(),
              state.documents(),
              List.copyOf(state.stacks().keySet()),
              state.fleet() == null ? null : state.fleet().name(),
              List.copyOf(state.clusters().keySet()),
              List.copyOf(state.scenarios().keySet()),
              state.errors());
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else if (state.isValid()) {
      out.printf("%d document(s) valid, %d stack(s)%n", state.documents(), state.stacks().size());
    } else {
      state.errors().forEach(e -> spec.commandLine().getErr().println(e));
    }
    out.flush();
    return state.isValid() ? 0 : 1;
  }

  /**
   * The YAML files under {@code root}, keyed by their path as given (root-relative for folders).
   */
  static SortedMap<String, byte[]> files(Path root) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    if (Files.isRegularFile(root)) {
      files.put(root.toString(), head(root));
      return files;
    }
    List<Path> found;
    try (Stream<Path> walk = Files.walk(root)) {
      found = walk.filter(Files::isRegularFile).filter(ValidateCommand::isYaml).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UserError(2, root + ": cannot list: " + e.getMessage());
    }
    for (Path p : found) {
      String relative = root.relativize(p).toString().replace('\\', '/');
      if (!relative.startsWith(".git/")) {
        files.put(relative, head(p));
      }
    }
    return files;
  }

  /** At most one byte over the per-file limit: enough for the reader to refuse the file. */
  private static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(YamlReader.MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new UserError(2, file + ": cannot read: " + e.getMessage());
    }
  }

  private static boolean isYaml(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }
}
