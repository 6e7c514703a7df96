package io.tidings.connections;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Node-wide counts of open streams per user and per client address, against their caps (0 for
 * none). Shared by every HTTP verticle instance: the counts live in concurrent maps and each
 * change is one atomic {@code compute}; an entry disappears with its last stream.
 */
public final class StreamQuota {

  /** Why a stream was refused, or that it was admitted. */
  public enum Outcome { ADMITTED, USER_FULL, ADDRESS_FULL }

  private final int perUser;
  private final int perAddress;
  private final ConcurrentHashMap<String, Integer> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

  public StreamQuota(int perUser, int perAddress) {
    this.perUser = perUser;
    this.perAddress = perAddress;
  }

  public int perUser() {
    return perUser;
  }

  public int perAddress() {
    return perAddress;
  }

  /** Takes one stream of the user's and the address's quota; on ADMITTED, {@link #release} it once it closes. */
  public Outcome acquire(String user, String address) {
    if (!take(byUser, user, perUser)) {
      return Outcome.USER_FULL;
    }
    if (!take(byAddress, address, perAddress)) {
      give(byUser, user);
      return Outcome.ADDRESS_FULL;
    }
    return Outcome.ADMITTED;
  }

  public void release(String user, String address) {
    give(byUser, user);
    give(byAddress, address);
  }

  /** Streams open for this user on this node (for tests and checks). */
  public int streamsOf(String user) {
    return byUser.getOrDefault(user, 0);
  }

  private static boolean take(ConcurrentHashMap<String, Integer> counts, String key, int cap) {
    boolean[] taken = {false};
    counts.compute(key, (k, n) -> {
      int current = n == null ? 0 : n;
      if (cap > 0 && current >= cap) {
        return n;
      }
      taken[0] = true;
      return current + 1;
    });
    return taken[0];
  }

  private static void give(ConcurrentHashMap<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }
}
