package io.tidings.bus;

/**
 * Every event-bus address Tidings uses. Services on the bus publish through {@link #PUBLISH},
 * which stamps and keeps events like the HTTP API does; the channel addresses are the hub's own
 * fan-out and carry stamped events only.
 */
public final class Addresses {

  /**
   * The way in for services on the bus: {@code send} (not publish, which every node would act on)
   * {@code {"to"?: NAME, "event"?: TYPE, "data": ..., "transient"?: false}}; the reply is
   * {@code {"channel", "epoch", "seq"}} once the event is kept and fanned out, or a failure.
   */
  public static final String PUBLISH = "tidings.publish";

  /** Prefix of a channel's fan-out address; the channel key ({@code all}, {@code user:NAME}) follows. */
  public static final String CHANNEL_PREFIX = "tidings.channel.";

  /**
   * Batched presence changes for the streams of this node ({@code {"joined":[], "left":[], "total":n}}).
   * Every node computes its own, so it is published and consumed on the node only.
   */
  public static final String PRESENCE = "tidings.presence";

  /** Cluster: each node announces the users it holds streams for ({@code {"node", "joined", "left"}} or {@code {"node", "users"}}). */
  public static final String PRESENCE_NODES = "tidings.presence.nodes";

  /** Cluster: a node that has just joined asks every other node for its full list of users. */
  public static final String PRESENCE_SYNC = "tidings.presence.sync";

  /**
   * Published cluster-wide when a nickname session ends (logout, expiry, or its name held by
   * another session now): {@code {"user", "session"?}}; every node ends that session's streams.
   */
  public static final String SESSION_ENDED = "tidings.session.ended";

  private Addresses() {
  }

  /** Where a channel's stamped events are fanned out to every node's feed of it. */
  public static String channel(String key) {
    return CHANNEL_PREFIX + key;
  }
}
