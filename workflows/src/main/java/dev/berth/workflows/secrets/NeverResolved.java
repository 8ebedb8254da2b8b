package dev.berth.workflows.secrets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What no secret reference may read, whatever the operator's policy allows: Berth's own settings
 * and credentials, and the places an identity keeps its keys.
 *
 * <ul>
 *   <li>variables: every {@code BERTH_*} (Git token and SSH key, webhook secret, the policy
 *       itself), the identity variables ({@code AZURE_*}, {@code IDENTITY_*}, {@code MSI_*}, {@code
 *       IMDS_*}), {@code TEMPORAL_*}, and the variable {@code --api-key-env} names;
 *   <li>files under: the files those variables name ({@code BERTH_GIT_SSH_KEY}, {@code
 *       AZURE_FEDERATED_TOKEN_FILE}, {@code AZURE_CLIENT_CERTIFICATE_PATH}, ...), the TLS key given
 *       to Berth, {@code ~/.ssh}, {@code ~/.azure} (the Azure CLI's tokens), {@code ~/.netrc},
 *       {@code ~/.git-credentials}, the Kubernetes and workload-identity token folders, and {@code
 *       /proc}, {@code /sys}, {@code /dev} ({@code /proc/self/environ} is every variable at once).
 * </ul>
 *
 * Files are compared as written and as resolved, so a link to one of them is refused too.
 *
 * @param files absolute, normalised; each also covers what lies beneath it
 */
public record NeverResolved(
    List<String> variablePrefixes, Set<String> variables, List<Path> files) {

  static final List<String> PREFIXES =
      List.of("BERTH_", "AZURE_", "IDENTITY_", "MSI_", "IMDS_", "TEMPORAL_");

  /** Variables whose value is a path to one of Berth's keys or tokens. */
  static final List<String> FILE_VARIABLES =
      List.of(
          "BERTH_GIT_SSH_KEY",
          "BERTH_GIT_ALLOWED_SIGNERS",
          "AZURE_FEDERATED_TOKEN_FILE",
          "AZURE_CLIENT_CERTIFICATE_PATH",
          "IDENTITY_CERTIFICATE_PATH");

  static final List<String> SYSTEM_FILES =
      List.of(
          "/proc",
          "/sys",
          "/dev",
          "/var/run/secrets/kubernetes.io",
          "/run/secrets/kubernetes.io",
          "/var/run/secrets/azure",
          "/run/secrets/azure",
          "/var/run/secrets/tokens");

  static final List<String> HOME_FILES = List.of(".ssh", ".azure", ".netrc", ".git-credentials");

  public NeverResolved {
    variablePrefixes = List.copyOf(variablePrefixes);
    variables = Set.copyOf(variables);
    files = List.copyOf(files);
  }

  /**
   * For a process with this environment and home folder, plus the variables and files the operator
   * handed Berth on its command line (the {@code --api-key-env} name, {@code --tls-key}).
   */
  public static NeverResolved of(
      Map<String, String> environment,
      String home,
      Collection<String> moreVariables,
      Collection<Path> moreFiles) {
    List<Path> files = new ArrayList<>();
    SYSTEM_FILES.forEach(f -> withResolved(Path.of(f), files));
    if (home != null && !home.isBlank()) {
      HOME_FILES.forEach(
          f -> withResolved(Path.of(home).toAbsolutePath().normalize().resolve(f), files));
    }
    FILE_VARIABLES.forEach(
        v -> {
          String value = environment.get(v);
          if (value != null && !value.isBlank()) {
            withResolved(Path.of(value).toAbsolutePath().normalize(), files);
          }
        });
    moreFiles.forEach(f -> withResolved(f.toAbsolutePath().normalize(), files));
    Set<String> variables = new TreeSet<>();
    moreVariables.stream().filter(v -> v != null && !v.isBlank()).forEach(variables::add);
    return new NeverResolved(PREFIXES, variables, files);
  }

  /** For this process, with nothing given on the command line. */
  public static NeverResolved ofThisProcess() {
    return of(System.getenv(), System.getProperty("user.home"), List.of(), List.of());
  }

  public boolean coversVariable(String name) {
    return variables.contains(name) || variablePrefixes.stream().anyMatch(name::startsWith);
  }

  public boolean coversFile(Path path) {
    return files.stream().anyMatch(path::startsWith);
  }

  private static void withResolved(Path path, List<Path> into) {
    into.add(path);
    SecretFiles.resolved(path).filter(r -> !r.equals(path)).ifPresent(into::add);
  }
}
