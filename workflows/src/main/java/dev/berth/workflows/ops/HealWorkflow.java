package dev.berth.workflows.ops;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Undoes drift: replaces each group of the applied revision that was changed behind Git's back,
 * make before break. A replacement of what the revision wants is created at the drifted group's
 * place, under the replica's other name; once it is healthy the drifted group is deleted, so a
 * service never has fewer healthy replicas than before (never below {@code replicas} when it had
 * them). A replacement that finds no place or does not turn healthy within the start timeout is
 * deleted and the drifted group keeps running, reported in {@link HealResult#kept}. Replicas are
 * healed per service in batches of its {@code upgrade.maxSurge} (at least one).
 *
 * <p>While it runs it repairs the stack when asked ({@link Repairable}): the slots of the batch it
 * heals are its own (their replacements are starting at the drifted groups' places), every other
 * failed or vanished replica is replaced at its next wait. A newer commit cancels it.
 *
 * <p>Started by the {@code Stack} workflow when a health check finds drift and the stack has {@code
 * selfHeal} on, as {@code berth/stack/<stack>/heal/<n>} with {@code BerthOperation=Heal}; with
 * {@code selfHeal: false} the caller reports the drift and starts nothing.
 */
@WorkflowInterface
public interface HealWorkflow extends Repairable {

  /** The operation's name: its workflow type, the {@code BerthOperation} value and its ID part. */
  String OPERATION = "Heal";

  @WorkflowMethod(name = OPERATION)
  HealResult heal(HealInput input);
}
