package dev.berth.reconciler.watch;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.CommitTrust;
import dev.berth.reconciler.git.GitLocation;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.SigningKeys;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.stack.Refusal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync activity without Temporal: which signals one poll sends. */
class RepoActivitiesTest {

  @TempDir Path tmp;

  /** Records the signals a poll sends. */
  static final class Recorded implements Stacks {
    final List<String> signals = new ArrayList<>();
    final List<String> fleets = new ArrayList<>();

    @Override
    public void desire(StackRevision revision) {
      signals.add("desire " + revision.stack() + "@" + revision.shortCommit());
      fleets.add(revision.fleetOrDefault().name());
    }

    @Override
    public void refuse(String stack, Refusal refusal) {
      signals.add("refuse " + stack + ": " + String.join("; ", refusal.errors()));
    }

    @Override
    public void remove(String stack, String commit) {
      signals.add("remove " + stack);
    }
  }

  private static SyncResult poll(RepoActivitiesImpl activities, GitLocation at, SyncResult last) {
    return activities.sync(
        new SyncInput(
            at.repoId(),
            at,
            last == null ? null : last.head(),
            last == null ? null : last.newValidCommit() ? last.head() : null));
  }

  @Test
  void onlyChangedStacksAreSignalled_andARemovedOneIsRemoved() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("a.yaml", stack("a", "nginx:1", 1));
      String first = repo.commit("b.yaml", stack("b", "nginx:1", 1));
      GitLocation at = new GitLocation(repo.dir().toString(), "main", ".");
      Recorded stacks = new Recorded();
      RepoActivitiesImpl activities = new RepoActivitiesImpl(stacks, tmp.resolve("cache"));
      SyncResult one = poll(activities, at, null);
      assertThat(one.stacks()).containsExactly("a", "b");
      assertThat(poll(activities, at, one)).isEqualTo(SyncResult.unchanged(first));

      repo.commit("b.yaml", stack("b", "nginx:2", 1));
      String third = repo.delete("a.yaml");
      stacks.signals.clear();
      SyncResult two = activities.sync(new SyncInput(at.repoId(), at, first, first));
      assertThat(two.head()).isEqualTo(third);
      assertThat(stacks.signals).containsExactly("desire b@" + third.substring(0, 7), "remove a");
    }
  }

  @Test
  void aFleetChangeAloneSignalsEveryStackWithTheNewFleet() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("a.yaml", stack("a", "nginx:1", 1));
      String first = repo.commit("b.yaml", stack("b", "nginx:1", 1));
      GitLocation at = new GitLocation(repo.dir().toString(), "main", ".");
      Recorded stacks = new Recorded();
      RepoActivitiesImpl activities = new RepoActivitiesImpl(stacks, tmp.resolve("cache"));
      poll(activities, at, null);
      stacks.signals.clear();
      stacks.fleets.clear();
      String fleet =
          repo.commit(
              "fleet.yaml",
              """
          apiVersion: berth.dev/v1
          kind: Fleet
          metadata: {name: prod}
          spec:
            regions:
              - {name: westeurope, zones: ["1", "2", "3"], quota: {cores: 50}}
          """);
      activities.sync(new SyncInput(at.repoId(), at, first, first));
      String c = fleet.substring(0, 7);
      assertThat(stacks.signals).containsExactly("desire a@" + c, "desire b@" + c);
      assertThat(stacks.fleets).containsOnly("prod");
    }
  }

  @Test
  void withATrustFile_anUnsignedCommitIsRefusedAndChangesNothing() throws Exception {
    Path key = SigningKeys.make(tmp, "trusted");
    CommitTrust trust =
        CommitTrust.from(
            Map.of(CommitTrust.VARIABLE, SigningKeys.allowedSigners(tmp, key).toString()));
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      String signed = SigningKeys.signedCommit(repo, key, "shop.yaml", stack("shop", "nginx:1", 2));
      GitLocation at = new GitLocation(repo.dir().toString(), "main", ".");
      Recorded stacks = new Recorded();
      RepoActivitiesImpl activities =
          new RepoActivitiesImpl(stacks, tmp.resolve("cache"), () -> trust);
      SyncResult one = poll(activities, at, null);
      assertThat(one.newValidCommit()).isTrue();
      assertThat(stacks.signals).containsExactly("desire shop@" + signed.substring(0, 7));

      stacks.signals.clear();
      String unsigned = repo.commit("shop.yaml", stack("shop", "nginx:1", 5));
      SyncResult two = poll(activities, at, one);
      assertThat(two.newValidCommit()).isFalse();
      assertThat(two.refusal().errors())
          .containsExactly(unsigned.substring(0, 7) + ":1:1: commit: the commit is not signed");
      assertThat(stacks.signals).containsExactly("refuse shop: " + two.refusal().errors().get(0));

      stacks.signals.clear();
      String fixed = SigningKeys.signedCommit(repo, key, "shop.yaml", stack("shop", "nginx:1", 5));
      SyncResult three = activities.sync(new SyncInput(at.repoId(), at, unsigned, signed));
      assertThat(three.newValidCommit()).isTrue();
      assertThat(stacks.signals).containsExactly("desire shop@" + fixed.substring(0, 7));
    }
  }
}
