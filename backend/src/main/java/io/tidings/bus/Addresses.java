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

  /** Batched presence changes ({@code {"joined":[], "left":[], "total":n}}), published by the presence tracker. */
  public static final String PRESENCE = "tidings.presence";

  private Addresses() {
  }

  /** Events for every open stream (every tab) of one user. */
  public static String user(String name) {
    return USER_PREFIX + name;
  }
}
