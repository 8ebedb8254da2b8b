/**
 * The placement core: decides where each replica runs, on a VM node of a cluster or in an ACI
 * region's zone. Pure Java, no Temporal, Azure or Git; activities call it.
 *
 * <p>Build a {@link dev.berth.workflows.placement.Places} snapshot once (regions with their ACI
 * quota, nodes with capacity and cost, a seed), make a {@link
 * dev.berth.workflows.placement.Placer}, {@link dev.berth.workflows.placement.Placer#restore
 * restore} the current allocations, then {@link dev.berth.workflows.placement.Placer#place place}
 * requests; every answer is an {@link dev.berth.workflows.placement.Assignment}: placed, or refused
 * with a reason in words. Releases and outages ({@link
 * dev.berth.workflows.placement.FailureDomain}) are cheap updates, so a failover re-plans against
 * the same placer.
 *
 * <p>How it decides: filters (availability, target, region allow-list, fit, group limit, quota,
 * {@code avoid}) and one lexicographic score ({@code Score}: cluster before ACI, spread counts,
 * region preference, colocation, then a seeded rank in which cheaper cores come first, which makes
 * node choice first-fit bin-packing). The indexed search ({@code IndexedSearch}) answers in about
 * O(log n) with a capacity max-tree per (cluster, zone) and counts per (service, zone) and
 * (service, node); the full scan ({@code FullScan}) applies the same rules to every place and is
 * the oracle the tests hold the index to.
 */
package dev.berth.workflows.placement;
