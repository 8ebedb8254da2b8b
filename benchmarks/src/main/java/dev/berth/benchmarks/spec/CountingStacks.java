package dev.berth.benchmarks.spec;

import dev.berth.reconciler.watch.Stacks;
import dev.berth.workflows.model.StackRevision;
import dev.berth.workflows.stack.Refusal;

/** A {@link Stacks} that only counts the signals a poll would send. */
final class CountingStacks implements Stacks {

  int desired;
  int refused;
  int removed;

  @Override
  public void desire(StackRevision revision) {
    desired++;
  }

  @Override
  public void refuse(String stack, Refusal refusal) {
    refused++;
  }

  @Override
  public void remove(String stack, String commit) {
    removed++;
  }
}
