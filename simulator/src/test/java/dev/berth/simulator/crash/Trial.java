package dev.berth.simulator.crash;

/**
 * One crash trial: runs on its own test service and throws an AssertionError naming itself when the
 * world is wrong.
 */
interface Trial {

  /** The stack's replicas, drawn from the trial's seed. */
  int replicas();

  void run();
}
