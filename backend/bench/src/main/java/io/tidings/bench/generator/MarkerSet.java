package io.tidings.bench.generator;

/**
 * The markers one tracked stream has received, to tell a message received twice from one received
 * once: an open-addressing set of longs (a marker is the digits after {@code bench:}, never
 * negative), no boxing.
 */
final class MarkerSet {

  private long[] slots = new long[64];
  private int size;

  /** Adds {@code marker} (at least 0); false when it was already there. */
  boolean add(long marker) {
    return put(marker + 1); // 0 marks a free slot
  }

  private boolean put(long key) {
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = mix(key) & mask;
    while (slots[i] != 0) {
      if (slots[i] == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = key;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long key : old) {
      if (key != 0) {
        put(key);
      }
    }
  }

  private static int mix(long value) {
    long h = value * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
