package dev.berth.workflows.secrets;

import dev.berth.workflows.model.SecretRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's line between the repository and the machine Berth runs on: which secret references
 * a stack may use. A reference resolves only when a pattern of {@code allowed} matches it and
 * {@code never} does not cover it. No pattern, no reference: without a policy no {@code env:},
 * {@code file:} or {@code keyvault:} reference resolves.
 *
 * <p>A {@code file:} reference must be absolute and normalised, and both the path as written and
 * the path it resolves to (links followed) must match a pattern and lie outside {@code never}. The
 * check is made when a commit is validated and again when the value is read.
 */
public record SecretPolicy(List<SecretPattern> allowed, NeverResolved never) {

  public SecretPolicy {
    allowed = List.copyOf(allowed);
  }

  /** Nothing resolves. */
  public static SecretPolicy none() {
    return new SecretPolicy(
        List.of(), new NeverResolved(NeverResolved.PREFIXES, Set.of(), List.of()));
  }

  /**
   * The comma-separated patterns of {@code --allowed-secrets}; blank is no pattern.
   *
   * @throws IllegalArgumentException naming the first pattern that cannot be read
   */
  public static SecretPolicy parse(String patterns, NeverResolved never) {
    List<SecretPattern> allowed = new ArrayList<>();
    if (patterns != null && !patterns.isBlank()) {
      for (String p : patterns.split(",")) {
        if (!p.isBlank()) {
          allowed.add(SecretPattern.parse(p));
        }
      }
    }
    return new SecretPolicy(allowed, never);
  }

  public SecretVerdict check(SecretRef ref) {
    return switch (ref.source()) {
      case ENV -> checkVariable(ref);
      case FILE -> checkFile(ref);
      case KEYVAULT ->
          matches(ref, ref.location()) ? new SecretVerdict.Allowed(ref, null) : outside(ref);
    };
  }

  /** The patterns as the operator wrote them, for messages; {@code none} when there are none. */
  public String describe() {
    return allowed.isEmpty()
        ? "none"
        : String.join(", ", allowed.stream().map(SecretPattern::toString).toList());
  }

  private SecretVerdict checkVariable(SecretRef ref) {
    if (!matches(ref, ref.location())) {
      return outside(ref);
    }
    return never.coversVariable(ref.location()) ? owned(ref) : new SecretVerdict.Allowed(ref, null);
  }

  private SecretVerdict checkFile(SecretRef ref) {
    String written = ref.location();
    if (!SecretFiles.isNormalised(written)) {
      return new SecretVerdict.Refused(
          ref,
          ref
              + " is not an absolute, normalised path (no '.', '..' or '//'), so this Berth will not read it");
    }
    if (!matches(ref, written)) {
      return outside(ref);
    }
    Path path = Path.of(written);
    Optional<Path> resolved = SecretFiles.resolved(path);
    if (resolved.isEmpty()) {
      return new SecretVerdict.Refused(
          ref,
          ref + " leads through a link that cannot be followed, so this Berth will not read it");
    }
    if (never.coversFile(path) || never.coversFile(resolved.get())) {
      return owned(ref);
    }
    // A link may move within the folder a pattern allows (Kubernetes mounts secrets as links into
    // ..data), never out of it; the folder itself may be a link.
    for (SecretPattern p : allowed) {
      if (p.matches(SecretRef.Source.FILE, written)) {
        Path folder = SecretFiles.resolved(p.folder()).orElse(p.folder());
        if (resolved.get().startsWith(folder) || resolved.get().startsWith(p.folder())) {
          return new SecretVerdict.Allowed(ref, resolved.get());
        }
      }
    }
    return new SecretVerdict.Refused(
        ref,
        ref
            + " leads through a symbolic link out of the folders this Berth's secret policy allows (allowed: "
            + describe()
            + ")");
  }

  private boolean matches(SecretRef ref, String location) {
    return allowed.stream().anyMatch(p -> p.matches(ref.source(), location));
  }

  private SecretVerdict outside(SecretRef ref) {
    return new SecretVerdict.Refused(
        ref, ref + " is not allowed by this Berth's secret policy (allowed: " + describe() + ")");
  }

  private static SecretVerdict owned(SecretRef ref) {
    return new SecretVerdict.Refused(
        ref, ref + " is never allowed: it is one of Berth's own settings or credentials");
  }
}
