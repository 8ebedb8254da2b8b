package dev.berth.workflows.placement;

import dev.berth.workflows.model.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Says in words why no place admits a demand, one clause per cluster or region tried, e.g. {@code
 * no zone of westeurope has 2 free cores; quota 98/100 cores used}. Runs only on refusal, so it may
 * scan.
 */
final class RefusalReason {

  private RefusalReason() {}

  static String explain(Demand d, Ledger l) {
    List<String> clauses = new ArrayList<>();
    Target t = d.request.target();
    if (t.kind() != Target.Kind.ACI) {
      clauses.add(cluster(d, l, t.cluster()));
    }
    if (d.onAci) {
      if (d.regionOrder.length == 0) {
        clauses.add("none of the regions " + d.request.regions() + " is in the fleet");
      }
      for (int r : d.regionOrder) {
        clauses.add(region(d, l, r));
      }
    }
    return String.join("; ", clauses);
  }

  private static String need(Demand d) {
    StringBuilder s = new StringBuilder(Resources.cores(d.cpu) + " free cores");
    if (d.mem > 0) {
      s.append(" and ").append(Resources.gigabytes(d.mem)).append(" GB free memory");
    }
    if (d.gpus > 0) {
      s.append(" and ").append(d.gpus).append(" free GPU").append(d.gpus == 1 ? "" : "s");
    }
    return s.toString();
  }

  private static String cluster(Demand d, Ledger l, String name) {
    if (!d.onCluster()) {
      return "no cluster named " + name;
    }
    Places p = l.places;
    int total = 0;
    int down = 0;
    int avoided = 0;
    int portBound = 0;
    int most = -1;
    Set<String> blockers = new LinkedHashSet<>();
    Set<Integer> ports = new TreeSet<>();
    for (int n = 0; n < p.nodeCount(); n++) {
      if (p.nodeCluster[n] != d.cluster) {
        continue;
      }
      total++;
      if (l.nodes.down(n) || !l.zoneOpen(p.nodeZone[n])) {
        down++;
        continue;
      }
      if (most < 0 || l.nodes.freeCpu(n) > l.nodes.freeCpu(most)) {
        most = n;
      }
      if (l.nodeFits(d, n) && l.ports.firstTaken(d, n) >= 0) {
        portBound++;
        ports.add(l.ports.firstTaken(d, n));
      } else if (l.nodeFits(d, n)) {
        avoided++;
        for (int c : l.services.conflicts(d.service)) {
          if (l.nodes.count(c, n) > 0 || l.aciZoneCount[c][p.nodeZone[n]] > 0) {
            blockers.add(l.services.shortName(c));
          }
        }
      }
    }
    String where = "cluster " + name;
    if (down == total) {
      return "every node of " + where + " is unavailable";
    }
    StringBuilder s = new StringBuilder();
    if (portBound > 0) {
      s.append(portBound)
          .append(portBound == 1 ? " node" : " nodes")
          .append(" of ")
          .append(where)
          .append(" with room for ")
          .append(Resources.cores(d.cpu))
          .append(" cores already ")
          .append(portBound == 1 ? "gives" : "give")
          .append(" host port")
          .append(ports.size() == 1 ? " " : "s ")
          .append(ports.stream().map(String::valueOf).collect(Collectors.joining(", ")))
          .append(" to another replica (network: host)");
    }
    if (avoided > 0) {
      s.append(portBound > 0 ? "; " : "")
          .append(avoided)
          .append(avoided == 1 ? " node" : " nodes")
          .append(" of ")
          .append(where)
          .append(" with room for ")
          .append(Resources.cores(d.cpu))
          .append(" cores share a node or zone with ")
          .append(String.join(", ", blockers))
          .append(" (avoid)");
    } else if (portBound == 0) {
      s.append("no node of ").append(where).append(" has ").append(need(d));
      s.append(" (most free: ")
          .append(Resources.cores(Math.max(0, l.nodes.freeCpu(most))))
          .append(" cores, ")
          .append(Resources.gigabytes(Math.max(0, l.nodes.freeMem(most))))
          .append(" GB on ")
          .append(p.nodeName[most])
          .append(')');
    }
    if (down > 0) {
      s.append("; ").append(down).append(" of ").append(total).append(" nodes unavailable");
    }
    return s.toString();
  }

  private static String region(Demand d, Ledger l, int r) {
    Places p = l.places;
    String name = p.regionName[r];
    if (l.regionDown[r]) {
      return name + " is unavailable";
    }
    if (!l.groupFits(d, r)) {
      return name
          + " takes at most "
          + Resources.cores(p.groupCpu[r])
          + " cores, "
          + Resources.gigabytes(p.groupMem[r])
          + " GB and "
          + p.groupGpus[r]
          + " GPUs per container group";
    }
    if (l.usedCpu[r] + d.cpu > p.quotaCpu[r]) {
      return "no zone of "
          + name
          + " has "
          + Resources.cores(d.cpu)
          + " free cores; quota "
          + Resources.cores(l.usedCpu[r])
          + "/"
          + Resources.cores(p.quotaCpu[r])
          + " cores used";
    }
    if (l.usedMem[r] + d.mem > p.quotaMem[r]) {
      return "no zone of "
          + name
          + " has "
          + Resources.gigabytes(d.mem)
          + " GB free memory; quota "
          + Resources.gigabytes(l.usedMem[r])
          + "/"
          + Resources.gigabytes(p.quotaMem[r])
          + " GB used";
    }
    if (l.usedGroups[r] + 1 > p.quotaGroups[r]) {
      return "no zone of "
          + name
          + " can take another container group; quota "
          + l.usedGroups[r]
          + "/"
          + p.quotaGroups[r]
          + " groups used";
    }
    if (l.usedGpus[r] + d.gpus > p.quotaGpus[r]) {
      return "no zone of "
          + name
          + " has "
          + d.gpus
          + " free GPUs; quota "
          + l.usedGpus[r]
          + "/"
          + p.quotaGpus[r]
          + " GPUs used";
    }
    Set<String> blockers = new LinkedHashSet<>();
    boolean open = false;
    for (int z : p.regionZones[r]) {
      if (l.zoneDown[z]) {
        continue;
      }
      open = true;
      for (int c : l.services.conflicts(d.service)) {
        if (l.zoneCount[c][z] > 0) {
          blockers.add(l.services.shortName(c));
        }
      }
    }
    if (!open) {
      return "every zone of " + name + " is unavailable";
    }
    return "every open zone of "
        + name
        + " holds a replica of "
        + String.join(", ", blockers)
        + " (avoid)";
  }
}
