package dev.berth.workflows.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable sorted copies, so records with maps have one canonical form (and digest). */
final class Sorted {

  private Sorted() {}

  static <V> SortedMap<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
  }
}
