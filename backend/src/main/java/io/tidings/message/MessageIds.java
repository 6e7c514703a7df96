package io.tidings.message;

import java.security.SecureRandom;

/**
 * Message ids: unique across a cluster without coordination, and ordered by time on each node,
 * so that a later resume can find "everything after this id".
 *
 * <p>Layout, 19 characters: 9 base-36 digits of epoch milliseconds, '-', 4 random base-36 digits
 * naming this node (fixed for its lifetime), '-', 4 base-36 digits counting within the millisecond.
 * Fixed width keeps string order equal to time order.
 */
public final class MessageIds {

  private static final int RADIX = 36;
  private static final int TIME_DIGITS = 9;
  private static final int NODE_DIGITS = 4;
  private static final int SEQUENCE_DIGITS = 4;
  private static final int SEQUENCE_LIMIT = 36 * 36 * 36 * 36;

  private final String node;
  private long lastMillis;
  private int sequence;

  public MessageIds() {
    this(randomNode());
  }

  MessageIds(String node) {
    if (node.length() != NODE_DIGITS) {
      throw new IllegalArgumentException("node part must have " + NODE_DIGITS + " characters");
    }
    this.node = node;
  }

  public String node() {
    return node;
  }

  /** Thread-safe: every HTTP verticle instance of a node draws from one generator. */
  public synchronized String next() {
    long now = System.currentTimeMillis();
    if (now > lastMillis) {
      lastMillis = now;
      sequence = 0;
    } else if (++sequence == SEQUENCE_LIMIT) {
      // more than 1.6 million ids in one millisecond, or the clock went back: borrow the next millisecond
      lastMillis++;
      sequence = 0;
    }
    return pad(Long.toString(lastMillis, RADIX), TIME_DIGITS) + '-' + node + '-'
      + pad(Integer.toString(sequence, RADIX), SEQUENCE_DIGITS);
  }

  /** The epoch milliseconds encoded at the start of an id. */
  public static long millisOf(String id) {
    return Long.parseLong(id.substring(0, TIME_DIGITS), RADIX);
  }

  private static String randomNode() {
    int n = new SecureRandom().nextInt(SEQUENCE_LIMIT);
    return pad(Integer.toString(n, RADIX), NODE_DIGITS);
  }

  private static String pad(String digits, int width) {
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }
}
