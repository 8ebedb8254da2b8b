package dev.berth.workflows.stack;

import static dev.berth.workflows.stack.Operations.HEALTH_CHECK_EVERY;
import static dev.berth.workflows.stack.Operations.START_TIMEOUT;

import dev.berth.workflows.backend.ContainerGroup;
import dev.berth.workflows.model.SelfHeal;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.ops.HealInput;
import dev.berth.workflows.ops.HealResult;
import dev.berth.workflows.ops.HealWorkflow;
import dev.berth.workflows.ops.HealthCheck;
import dev.berth.workflows.ops.OperationSummaries;
import dev.berth.workflows.plan.DriftedGroup;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * What the Stack does about drift (since {@link StackVersions#DRIFT}): each health check of the
 * applied revision judges it; the lines go into the status, and when every replica is live the
 * stack is {@link StackPhase#DRIFTED} and, with {@code selfHeal} on, a {@code Heal} child replaces
 * the drifted groups make before break. Heals that leave drift in place (a replacement that found
 * no place or never ran) pause further Heals, growing from two checks to {@link
 * #LONGEST_HEAL_PAUSE}.
 */
final class DriftChecks {

  static final Duration LONGEST_HEAL_PAUSE = Duration.ofMinutes(10);

  private static final Logger log = Workflow.getLogger("berth");

  private final StackContext stack;
  private final Operations operations;

  /** The last check's drifted groups, for the Heal's summary (field names, no values). */
  private List<DriftedGroup> drifted = List.of();

  DriftChecks(StackContext stack, Operations operations) {
    this.stack = stack;
    this.operations = operations;
  }

  /**
   * Takes the check's drift into the state (logging what is new); a stack without drift is no
   * longer DRIFTED.
   */
  void note(HealthCheck check) {
    drifted = check.drift() == null ? List.of() : check.drift();
    List<String> lines = StackState.capped(check.driftLines());
    List<String> before = stack.state().drift();
    String name = stack.state().stack();
    if (!lines.equals(before)) {
      lines.stream()
          .filter(line -> !before.contains(line))
          .forEach(line -> log.warn("stack {}: drift {}", name, line));
      if (lines.isEmpty()) {
        log.info("stack {}: no drift left", name);
      }
      stack.update(s -> s.drifting(lines));
    }
    if (lines.isEmpty() && stack.state().phase() == StackPhase.DRIFTED) {
      stack.update(
          s -> s.inPhase(StackPhase.SYNCED).saying("no drift left: what runs is what Git says"));
    }
  }

  /**
   * With every replica live: the stack drifts (true) or not. Drift is healed by a Heal child unless
   * {@code selfHeal} is off or Heals are paused; either way it is reported.
   */
  boolean act(StackRevision applied) {
    List<String> lines = stack.state().drift();
    if (lines.isEmpty()) {
      return false;
    }
    show(StackPhase.DRIFTED, null);
    if (applied.spec().selfHeal() == SelfHeal.OFF) {
      show(StackPhase.DRIFTED, "selfHeal is off: drift reported, not undone");
      return true;
    }
    if (!stack.state().heals().over(Workflow.currentTimeMillis(), stack.slack())) {
      return true;
    }
    heal(applied);
    return true;
  }

  private void heal(StackRevision applied) {
    String name = stack.state().stack();
    log.warn(
        "stack {}: healing drift ({} field(s)); Git's {} replaces what was changed",
        name,
        stack.state().drift().size(),
        applied.shortCommit());
    show(
        StackPhase.DRIFTED,
        "healing drift: Git's " + applied.shortCommit() + " replaces what was changed");
    HealWorkflow child =
        operations.child(
            HealWorkflow.class,
            HealWorkflow.OPERATION,
            applied.commit(),
            OperationSummaries.heal(applied, drifted));
    var outcome =
        operations.run(
            child,
            () -> Async.function(child::heal, new HealInput(applied, START_TIMEOUT)),
            applied,
            false);
    if (outcome.superseded()) {
      return; // the loop deploys the newer revision, which replaces drifted groups of what it
      // changes
    }
    if (outcome.failure() != null) {
      String why = HealthChecks.why(outcome.failure());
      pause("heal failed: " + why);
      return;
    }
    HealResult result = outcome.result();
    Set<String> healedServices =
        stack.state().groups().stream()
            .filter(g -> result.healed().contains(g.name()))
            .map(ContainerGroup::service)
            .collect(Collectors.toSet());
    stack.update(s -> s.observed(result.groups()));
    if (!result.healed().isEmpty()) {
      log.info(
          "stack {}: healed {} drifted group(s): {}",
          name,
          result.healed().size(),
          String.join(", ", result.healed()));
    }
    if (!result.kept().isEmpty()) {
      pause(result.kept().size() + " drifted group(s) kept: " + String.join(", ", result.kept()));
    } else {
      stack.update(s -> s.withHeals(Backoff.none()).drifting(List.of()));
      show(StackPhase.SYNCED, "healed " + result.healed().size() + " drifted group(s)");
    }
    if (foundByOthers(applied, healedServices)) {
      stack.deploy(
          applied); // the replacements have new addresses: roll the services that find them
    }
  }

  /**
   * Some service finds one of {@code services} by its addresses ({@code dependsOn}, {@code
   * colocate}).
   */
  private static boolean foundByOthers(StackRevision applied, Set<String> services) {
    return applied.spec().services().stream()
        .anyMatch(
            s ->
                s.dependsOn().stream().anyMatch(services::contains)
                    || s.colocate().stream().anyMatch(services::contains));
  }

  private void pause(String why) {
    Backoff next =
        stack
            .state()
            .heals()
            .failed(
                Workflow.currentTimeMillis(),
                HEALTH_CHECK_EVERY.multipliedBy(2),
                LONGEST_HEAL_PAUSE);
    log.warn("stack {}: {}; next heal in {}", stack.state().stack(), why, next.pause());
    stack.update(s -> s.withHeals(next));
    show(StackPhase.DRIFTED, why + "; next heal in " + next.pause().toSeconds() + "s");
  }

  /**
   * The phase and message (null: unchanged) drift gives the stack, unless the desired revision
   * failed to deploy: then FAILED and its reason stay what the status says, beside the drift lines.
   */
  private void show(StackPhase phase, String message) {
    if (stack.state().failedHash() != null) {
      return;
    }
    stack.update(s -> message == null ? s.inPhase(phase) : s.inPhase(phase).saying(message));
  }
}
