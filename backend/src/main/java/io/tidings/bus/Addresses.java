package io.tidings.bus;

/**
 * Every event-bus address Tidings uses. Any verticle or service on the bus may publish a
 * {@link BusEvent} to {@link #BROADCAST} or to {@link #user(String)}.
 */
public final class Addresses {

  /** Events for every open stream. */
  public static final String BROADCAST = "tidings.broadcast";

  /** Prefix of the per-user address; the user name follows. */
  public static final String USER_PREFIX = "tidings.user.";

  /**
   * Batched presence changes for the streams of this node ({@code {"joined":[], "left":[], "total":n}}).
   * Every node computes its own, so it is published and consumed on the node only.
   */
  public static final String PRESENCE = "tidings.presence";

  /** Cluster: each node announces the users it holds streams for ({@code {"node", "joined", "left"}} or {@code {"node", "users"}}). */
  public static final String PRESENCE_NODES = "tidings.presence.nodes";

  /** Cluster: a node that has just joined asks every other node for its full list of users. */
  public static final String PRESENCE_SYNC = "tidings.presence.sync";

  private Addresses() {
  }

  /** Events for every open stream (every tab) of one user. */
  public static String user(String name) {
    return USER_PREFIX + name;
  }
}
