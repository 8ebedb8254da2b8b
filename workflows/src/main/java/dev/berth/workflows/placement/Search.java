package dev.berth.workflows.placement;

/** Finds the place with the lowest {@link Score} that the {@link Ledger} admits, or -1. */
sealed interface Search permits IndexedSearch, FullScan {

  int best(Demand d, Ledger l);
}
