package dev.berth.reconciler.git;

import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.spec.DesiredState;
import dev.berth.reconciler.spec.DesiredStateReader;
import dev.berth.reconciler.spec.StackDocument;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.reconciler.testing.GitDaemon;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionReaderTest {

  @TempDir Path tmp;

  @Test
  void onlyChangedFilesAreParsed_andTheResultEqualsAFullRead() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitDaemon daemon = new GitDaemon(repo.git().getRepository());
        GitSource git =
            new GitSource(new GitLocation(daemon.url(), "main", "."), tmp.resolve("cache"))) {
      repo.commit("stacks/a.yaml", stack("a", "nginx:1", 1));
      repo.commit("stacks/b.yaml", stack("b", "nginx:1", 1));
      repo.commit("README.md", "not yaml");
      String first = repo.commit("stacks/c.yaml", stack("c", "nginx:1", 1));
      RevisionReader reader = new RevisionReader(git);

      assertThat(git.fetch()).isEqualTo(first);
      DesiredState one = reader.read(first, null);
      assertThat(reader.lastParsed()).isEqualTo(3);
      assertThat(one.stacks()).containsOnlyKeys("a", "b", "c");

      repo.commit("stacks/b.yaml", stack("b", "nginx:1", 5));
      String second = repo.delete("stacks/c.yaml");
      assertThat(git.fetch()).isEqualTo(second);
      DesiredState two = reader.read(second, first);
      assertThat(reader.lastParsed()).isEqualTo(1);
      assertThat(two.stacks()).containsOnlyKeys("a", "b");
      assertThat(two.stacks().get("b").spec().services().get(0).replicas()).isEqualTo(5);
      assertThat(hashes(two)).isEqualTo(hashes(new DesiredStateReader().read(git.files(second))));
      assertThat(two.stacks().get("a")).isSameAs(one.stacks().get("a"));

      assertThat(reader.read(first, second)).isSameAs(one);
      assertThat(reader.lastParsed()).isZero();
    }
  }

  @Test
  void aForcePushBackIsReadByDiffingBackwards() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitSource git =
            new GitSource(
                new GitLocation(repo.dir().toString(), "main", "."), tmp.resolve("cache"))) {
      repo.commit("a.yaml", stack("a", "nginx:1", 1));
      String old = repo.commit("b.yaml", stack("b", "nginx:1", 2));
      repo.commit("b.yaml", stack("b", "nginx:1", 3));
      String newer = repo.commit("c.yaml", stack("c", "nginx:1", 1));
      RevisionReader reader = new RevisionReader(git);
      reader.read(git.fetch(), null);

      repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(old).call();
      assertThat(git.fetch()).isEqualTo(old);
      DesiredState back = reader.read(old, newer);
      assertThat(reader.lastParsed()).isEqualTo(1);
      assertThat(back.stacks()).containsOnlyKeys("a", "b");
      assertThat(back.stacks().get("b").spec().services().get(0).replicas()).isEqualTo(2);
    }
  }

  @Test
  void theMirrorIsShallow_andHistoryIsFetchedOnDemand() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"));
        GitDaemon daemon = new GitDaemon(repo.git().getRepository());
        GitSource git =
            new GitSource(new GitLocation(daemon.url(), "main", "."), tmp.resolve("cache"))) {
      String oldest = repo.commit("a.yaml", "v: 1\n");
      repo.commit("a.yaml", "v: 2\n");
      String parent = repo.commit("a.yaml", "v: 3\n");
      String head = repo.commit("a.yaml", "v: 4\n");
      assertThat(git.fetch()).isEqualTo(head);
      assertThat(git.parent(head)).contains(parent);
      assertThat(git.has(parent)).isTrue();
      assertThat(git.has(oldest)).isFalse();
      git.fetchHistory();
      assertThat(git.has(oldest)).isTrue();
      assertThat(git.changes(oldest, head))
          .containsExactly(new FileChange("a.yaml", git.tree(head).get("a.yaml")));
    }
  }

  private static Map<String, String> hashes(DesiredState state) {
    return state.stacks().values().stream()
        .collect(Collectors.toMap(StackDocument::name, StackDocument::specHash));
  }
}
