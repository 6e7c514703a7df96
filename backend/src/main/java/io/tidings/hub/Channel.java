package io.tidings.hub;

import io.tidings.bus.Addresses;

/**
 * A sequence of events with one order: everyone, or one user's own channel (direct messages to
 * and from the user, notifications to the user). Named rooms would be one more kind of key.
 *
 * @param key its name in the history and on the bus: {@code all}, or {@code user:NAME}
 */
public record Channel(String key) {

  public static final Channel EVERYONE = new Channel("all");

  private static final String USER = "user:";

  public static Channel user(String name) {
    return new Channel(USER + name);
  }

  /** The bus address the channel's events are fanned out on. */
  public String address() {
    return Addresses.channel(key);
  }

  public boolean isUser() {
    return key.startsWith(USER);
  }
}
