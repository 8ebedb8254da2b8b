package dev.berth.simulator.world;

import java.util.SplittableRandom;

/**
 * Randomness keyed by what it is for (a group's name, a call's second), not by call order, so
 * concurrent activities cannot change what the world draws: same seed, same world.
 */
final class Noise {

  private Noise() {}

  static SplittableRandom of(long seed, String key) {
    long h = seed;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001b3L;
    }
    return new SplittableRandom(mix(h));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
