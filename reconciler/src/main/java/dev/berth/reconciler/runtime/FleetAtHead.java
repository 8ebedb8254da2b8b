package dev.berth.reconciler.runtime;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.git.GitSource;
import dev.berth.reconciler.git.GitUnavailable;
import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.OperatorPolicy;
import dev.berth.workflows.model.FleetSpec;
import java.nio.file.Path;

/**
 * The Fleet the watched branch declares now, for building the simulated world of {@code berth run
 * --backend simulator}: its regions, zones and quotas are the world's. Falls back to Berth's
 * default Fleet when the branch is unreachable, invalid, or declares none.
 */
public final class FleetAtHead {

  private FleetAtHead() {}

  public static FleetSpec read(GitLocation location, Path cacheDir) {
    return read(location, cacheDir, OperatorPolicy.DEFAULT);
  }

  /**
   * The Fleet at the head, which must be reachable and valid under {@code policy} (for {@code
   * --backend aci}, where Berth's default Fleet names no destination).
   *
   * @throws IllegalStateException naming the first problem of the head
   */
  public static FleetSpec readValid(GitLocation location, Path cacheDir, OperatorPolicy policy) {
    try (GitSource git = new GitSource(location, cacheDir)) {
      DesiredState state = new DesiredStateReader(policy).read(git.files(git.fetch()));
      if (!state.isValid()) {
        throw new IllegalStateException(
            "the head of "
                + location.url()
                + " is invalid, so its Fleet is not used: "
                + state.errors().get(0)
                + (state.errors().size() > 1
                    ? " (and " + (state.errors().size() - 1) + " more)"
                    : ""));
      }
      return state.fleetOrDefault();
    } catch (GitUnavailable e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * As read with {@code policy}: a head that reaches past it is invalid, so its Fleet is not used.
   */
  public static FleetSpec read(GitLocation location, Path cacheDir, OperatorPolicy policy) {
    try (GitSource git = new GitSource(location, cacheDir)) {
      DesiredState state = new DesiredStateReader(policy).read(git.files(git.fetch()));
      return state.fleetOrDefault();
    } catch (GitUnavailable e) {
      return FleetSpec.defaults();
    }
  }
}
