package io.tidings.config;

import io.vertx.core.json.JsonObject;

/**
 * Requests per minute, per kind and per subject, past which Tidings answers 429. The defaults are
 * far above a person chatting in a few tabs and far below what a script sends in a second. 0
 * turns a limit off.
 */
public final class RateLimitOptions {

  public static final int DEFAULT_MESSAGES_PER_USER = 120;
  /** Higher than per user: an office or a mobile carrier puts many people behind one address. */
  public static final int DEFAULT_MESSAGES_PER_ADDRESS = 600;
  public static final int DEFAULT_SESSIONS_PER_ADDRESS = 30;
  /** A tab reconnects every few seconds at worst; a reload storm of a whole office stays below. */
  public static final int DEFAULT_STREAMS_PER_ADDRESS = 600;
  public static final long WINDOW_MILLIS = 60_000;

  private int messagesPerUser = DEFAULT_MESSAGES_PER_USER;
  private int messagesPerAddress = DEFAULT_MESSAGES_PER_ADDRESS;
  private int sessionsPerAddress = DEFAULT_SESSIONS_PER_ADDRESS;
  private int streamsPerAddress = DEFAULT_STREAMS_PER_ADDRESS;

  public RateLimitOptions() {
  }

  public RateLimitOptions(RateLimitOptions other) {
    this(other.toJson());
  }

  public RateLimitOptions(JsonObject json) {
    setMessagesPerUser(json.getInteger("messagesPerUser", DEFAULT_MESSAGES_PER_USER));
    setMessagesPerAddress(json.getInteger("messagesPerAddress", DEFAULT_MESSAGES_PER_ADDRESS));
    setSessionsPerAddress(json.getInteger("sessionsPerAddress", DEFAULT_SESSIONS_PER_ADDRESS));
    setStreamsPerAddress(json.getInteger("streamsPerAddress", DEFAULT_STREAMS_PER_ADDRESS));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("messagesPerUser", messagesPerUser)
      .put("messagesPerAddress", messagesPerAddress)
      .put("sessionsPerAddress", sessionsPerAddress)
      .put("streamsPerAddress", streamsPerAddress);
  }

  public int getMessagesPerUser() {
    return messagesPerUser;
  }

  public RateLimitOptions setMessagesPerUser(int messagesPerUser) {
    this.messagesPerUser = perMinute("messages per user", messagesPerUser);
    return this;
  }

  public int getMessagesPerAddress() {
    return messagesPerAddress;
  }

  public RateLimitOptions setMessagesPerAddress(int messagesPerAddress) {
    this.messagesPerAddress = perMinute("messages per address", messagesPerAddress);
    return this;
  }

  public int getSessionsPerAddress() {
    return sessionsPerAddress;
  }

  public RateLimitOptions setSessionsPerAddress(int sessionsPerAddress) {
    this.sessionsPerAddress = perMinute("sessions per address", sessionsPerAddress);
    return this;
  }

  public int getStreamsPerAddress() {
    return streamsPerAddress;
  }

  public RateLimitOptions setStreamsPerAddress(int streamsPerAddress) {
    this.streamsPerAddress = perMinute("streams per address", streamsPerAddress);
    return this;
  }

  /** Every limit off: for benchmarks that are the flood. */
  public static RateLimitOptions unlimited() {
    return new RateLimitOptions().setMessagesPerUser(0).setMessagesPerAddress(0).setSessionsPerAddress(0)
      .setStreamsPerAddress(0);
  }

  private static int perMinute(String name, int value) {
    return OptionChecks.inRange(name + " per minute", value, 0, 100_000_000);
  }
}
