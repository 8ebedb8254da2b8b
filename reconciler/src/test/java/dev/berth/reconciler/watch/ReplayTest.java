package dev.berth.reconciler.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded RepoWatch history (test resources {@code histories/}) against today's
 * {@link RepoWatchWorkflowImpl}: a change that would break a running RepoWatch fails the build.
 * Record new ones with {@code mvn test -pl reconciler -am -Dtest=RepoWatchHistoryRecording
 * -Dsurefire.failIfNoSpecifiedTests=false -Dberth.record-histories=true} and keep the old ones.
 */
class ReplayTest {

  @TestFactory
  Stream<DynamicTest> everyRecordedRepoWatchHistoryReplays()
      throws IOException, URISyntaxException {
    URL resource = ReplayTest.class.getResource("/histories");
    assertThat(resource).as("test resources histories/").isNotNull();
    List<Path> histories;
    try (Stream<Path> files = Files.list(Path.of(resource.toURI()))) {
      histories =
          files
              .filter(p -> p.getFileName().toString().matches("RepoWatch-v\\d+\\.json"))
              .sorted()
              .toList();
    }
    assertThat(histories).as("recorded RepoWatch histories").isNotEmpty();
    return histories.stream()
        .map(
            history ->
                DynamicTest.dynamicTest(
                    history.getFileName().toString(),
                    () ->
                        WorkflowReplayer.replayWorkflowExecution(
                            Files.readString(history), RepoWatchWorkflowImpl.class)));
  }
}
