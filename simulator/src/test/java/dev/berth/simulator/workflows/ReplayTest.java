package dev.berth.simulator.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.ops.DeleteWorkflowImpl;
import dev.berth.workflows.ops.DeployWorkflowImpl;
import dev.berth.workflows.ops.FailoverWorkflowImpl;
import dev.berth.workflows.ops.HealWorkflowImpl;
import dev.berth.workflows.ops.ScaleWorkflowImpl;
import dev.berth.workflows.stack.StackWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays recorded histories of every workflow type (test resources {@code histories/}) against
 * today's workflow code: a change that would break running workflows fails the build. Record new
 * ones with {@code mvn test -pl simulator -am -Dtest='*HistoryRecording'
 * -Dberth.record-histories=true} and keep the old ones.
 */
class ReplayTest {

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplays() throws IOException, URISyntaxException {
    Path dir = Path.of(ReplayTest.class.getResource("/histories").toURI());
    List<Path> histories;
    try (Stream<Path> files = Files.list(dir)) {
      histories = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(histories)
        .extracting(p -> p.getFileName().toString().split("-")[0])
        .contains("Stack", "Deploy", "Failover", "Scale", "Delete", "Heal");
    assertThat(histories)
        .extracting(p -> p.getFileName().toString())
        .as("the move-back path of Stack and Failover")
        .anyMatch(n -> n.startsWith("Stack-move-back"))
        .anyMatch(n -> n.startsWith("Failover-move"));
    assertThat(histories)
        .extracting(p -> p.getFileName().toString())
        .as("a Stack asking a running Deploy to repair, and the Deploy repairing")
        .anyMatch(n -> n.startsWith("Stack-repair"))
        .anyMatch(n -> n.startsWith("Deploy-repair"));
    assertThat(histories)
        .extracting(p -> p.getFileName().toString())
        .as("a Stack judging drift and healing it, and a Heal repairing while it runs")
        .anyMatch(n -> n.startsWith("Stack-heal"))
        .anyMatch(n -> n.startsWith("Heal-repair"));
    assertThat(histories)
        .extracting(p -> p.getFileName().toString())
        .as("a Deploy that waits for its parallel creates before it rolls back")
        .anyMatch(n -> n.startsWith("Deploy-settle"));
    return histories.stream()
        .map(
            history ->
                DynamicTest.dynamicTest(
                    history.getFileName().toString(),
                    () ->
                        WorkflowReplayer.replayWorkflowExecution(
                            Files.readString(history),
                            StackWorkflowImpl.class,
                            DeployWorkflowImpl.class,
                            FailoverWorkflowImpl.class,
                            ScaleWorkflowImpl.class,
                            DeleteWorkflowImpl.class,
                            HealWorkflowImpl.class)));
  }
}
