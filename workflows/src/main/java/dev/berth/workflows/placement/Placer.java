package dev.berth.workflows.placement;

import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides where replicas run and keeps the books: the placement core.
 *
 * <p>Contract: {@link #place} returns the admissible place with the lowest {@link Score} key and
 * commits it, or refuses with a reason when no admissible place exists. A place is admissible when
 * it is available, has the free capacity (a node) or the group limit and quota (an ACI region),
 * belongs to the request's target (its cluster, its regions), and shares no node (on a cluster) or
 * zone (on ACI) with a service the request avoids, or that avoids it, and (on a node with the
 * host's network) has none of the request's ports taken. The same snapshot, seed and sequence of
 * calls give the same answers.
 *
 * <p>Not thread-safe: one placer per activity invocation or per benchmark thread. {@link #decide},
 * {@link #commit} and {@link #release} with a compiled {@link Demand} do not allocate.
 */
public final class Placer {

  private final Places places;
  private final Ledger ledger;
  private final Search search;

  private Placer(Places places, Search search) {
    this.places = places;
    this.ledger = new Ledger(places);
    this.search = search;
  }

  /** The indexed placer: about O(log n) per decision in the number of nodes. */
  public static Placer indexed(Places places) {
    return new Placer(places, new IndexedSearch());
  }

  /** Scans every place for every decision; the oracle and baseline for {@link #indexed}. */
  public static Placer bruteForce(Places places) {
    return new Placer(places, new FullScan());
  }

  public Places places() {
    return places;
  }

  /**
   * Compiles a request: interns its names and records its {@code avoid} relation for both sides.
   */
  public Demand demand(Request request) {
    int service = ledger.service(request.key());
    for (String other : request.avoid()) {
      ledger.services.avoid(service, ledger.service(request.stack() + "/" + other));
    }
    int[] colocate = new int[request.colocate().size()];
    for (int i = 0; i < colocate.length; i++) {
      colocate[i] = ledger.service(request.stack() + "/" + request.colocate().get(i));
      ledger.trackHosts(colocate[i]);
    }
    int cluster = -1;
    boolean onAci = true;
    Target t = request.target();
    if (t.kind() != Target.Kind.ACI) {
      cluster = places.cluster(t.cluster());
      onAci = t.kind() == Target.Kind.BURST;
    }
    int[] preference = new int[places.regionCount()];
    Arrays.fill(preference, -1);
    List<Integer> order = new ArrayList<>();
    if (request.regions().isEmpty()) {
      for (int r = 0; r < places.regionCount(); r++) {
        order.add(r);
      }
    } else {
      for (String name : request.regions()) {
        int r = places.region(name);
        if (r >= 0 && !order.contains(r)) {
          order.add(r);
        }
      }
    }
    int[] regionOrder = new int[order.size()];
    for (int i = 0; i < regionOrder.length; i++) {
      regionOrder[i] = order.get(i);
      preference[regionOrder[i]] = Math.min(i, Places.MAX_REGION_PREFERENCE);
    }
    return new Demand(request, service, cluster, onAci, regionOrder, preference, colocate);
  }

  /** The best admissible place index for a compiled demand, or -1; changes nothing. */
  public int decide(Demand d) {
    return search.best(d, ledger);
  }

  /** Counts a replica at a place index, as returned by {@link #decide}. */
  public void commit(Demand d, int place) {
    ledger.commit(d.service, place, d.cpu, d.mem, d.gpus, d.ports);
  }

  /** Gives back what {@link #commit} took. */
  public void release(Demand d, int place) {
    ledger.release(d.service, place, d.cpu, d.mem, d.gpus, d.ports);
  }

  /** Decides and commits one replica. */
  public Assignment place(Request request) {
    Demand d = demand(request);
    int p = decide(d);
    if (p < 0) {
      return new Assignment.Refused(request, RefusalReason.explain(d, ledger));
    }
    commit(d, p);
    return new Assignment.Placed(request, places.describe(p));
  }

  /**
   * Records a replica that already runs (a current allocation) without checking it: observed
   * reality may exceed capacity. Refused only when the snapshot has no such place.
   */
  public Assignment restore(Request request, Place place) {
    int p = places.indexOf(place);
    if (p < 0) {
      return new Assignment.Refused(request, "no place " + place + " in the snapshot");
    }
    commit(demand(request), p);
    return new Assignment.Placed(request, place);
  }

  /** Gives back a placed replica's capacity, quota and counts; false when its place is unknown. */
  public boolean release(Assignment.Placed placed) {
    int p = places.indexOf(placed.place());
    if (p < 0) {
      return false;
    }
    release(demand(placed.request()), p);
    return true;
  }

  /** Takes a node, zone or region out of placement in O(log n) or O(1); false when unknown. */
  public boolean markUnavailable(FailureDomain domain) {
    return setDown(domain, true);
  }

  /** Undoes {@link #markUnavailable}. */
  public boolean markAvailable(FailureDomain domain) {
    return setDown(domain, false);
  }

  private boolean setDown(FailureDomain domain, boolean down) {
    if (domain instanceof FailureDomain.OfNode n) {
      int i = places.node(n.node());
      if (i >= 0) {
        ledger.setNodeDown(i, down);
      }
      return i >= 0;
    }
    if (domain instanceof FailureDomain.OfZone z) {
      int i = places.zone(z.region(), z.zone());
      if (i >= 0) {
        ledger.zoneDown[i] = down;
      }
      return i >= 0;
    }
    int r = places.region(((FailureDomain.OfRegion) domain).region());
    if (r >= 0) {
      ledger.regionDown[r] = down;
    }
    return r >= 0;
  }
}
