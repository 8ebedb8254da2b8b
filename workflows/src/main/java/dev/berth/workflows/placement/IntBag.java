package dev.berth.workflows.placement;

import java.util.Arrays;

/** A growable list of ints with O(1) swap-removal by position; order is not kept. */
final class IntBag {

  private int[] items = new int[4];
  private int size;

  int size() {
    return size;
  }

  int get(int i) {
    return items[i];
  }

  /** Adds and returns the position. */
  int add(int value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size] = value;
    return size++;
  }

  /** Removes the item at {@code position}; returns the item moved into it, or -1 if none moved. */
  int removeAt(int position) {
    size--;
    if (position == size) {
      return -1;
    }
    items[position] = items[size];
    return items[position];
  }
}
