package dev.berth.workflows.placement;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interns service keys ({@code stack/service}) as small ints and keeps the {@code avoid} relation,
 * made symmetric: if web avoids batch, batch never joins web either.
 */
final class Services {

  private static final int[] NONE = new int[0];

  private final Map<String, Integer> ids = new HashMap<>();
  private String[] names = new String[16];
  private int[][] conflicts = new int[16][];

  int id(String key) {
    Integer id = ids.get(key);
    if (id != null) {
      return id;
    }
    int s = ids.size();
    if (s == names.length) {
      names = Arrays.copyOf(names, s * 2);
      conflicts = Arrays.copyOf(conflicts, s * 2);
    }
    names[s] = key;
    conflicts[s] = NONE;
    ids.put(key, s);
    return s;
  }

  /** -1 when never seen. */
  int find(String key) {
    return ids.getOrDefault(key, -1);
  }

  int size() {
    return ids.size();
  }

  String name(int service) {
    return names[service];
  }

  /** The short name, without its stack. */
  String shortName(int service) {
    String n = names[service];
    return n.substring(n.indexOf('/') + 1);
  }

  void avoid(int a, int b) {
    link(a, b);
    link(b, a);
  }

  private void link(int a, int b) {
    for (int c : conflicts[a]) {
      if (c == b) {
        return;
      }
    }
    int[] next = Arrays.copyOf(conflicts[a], conflicts[a].length + 1);
    next[next.length - 1] = b;
    conflicts[a] = next;
  }

  /** The services {@code service} must not share a zone (cluster: a node) with. */
  int[] conflicts(int service) {
    return conflicts[service];
  }
}
