package io.tidings.config;

import io.vertx.core.json.JsonObject;

/**
 * How much of each channel's past a node (or the cluster) keeps for resume, offline delivery and
 * {@code ?history=N}. Sized for a chat: a day of conversation, a thousand events per channel.
 */
public final class HistoryOptions {

  /** Events kept per channel; 0 keeps nothing (events are still ordered, every resume reports {@code missed}). */
  public static final int DEFAULT_SIZE = 1000;
  public static final int DEFAULT_SECONDS = 24 * 3600;
  /** Channels kept (everyone and one per user who was sent something); the least recently used go first. */
  public static final int DEFAULT_MAX_CHANNELS = 100_000;
  /** The most {@code ?history=N} may ask for; a node that keeps fewer gives what it keeps, so a page asking works everywhere. */
  public static final int MAX_HISTORY_REQUEST = 1000;

  private int size = DEFAULT_SIZE;
  private int seconds = DEFAULT_SECONDS;
  private int maxChannels = DEFAULT_MAX_CHANNELS;

  public HistoryOptions() {
  }

  public HistoryOptions(HistoryOptions other) {
    this(other.toJson());
  }

  public HistoryOptions(JsonObject json) {
    setSize(json.getInteger("size", DEFAULT_SIZE));
    setSeconds(json.getInteger("seconds", DEFAULT_SECONDS));
    setMaxChannels(json.getInteger("maxChannels", DEFAULT_MAX_CHANNELS));
  }

  public JsonObject toJson() {
    return new JsonObject().put("size", size).put("seconds", seconds).put("maxChannels", maxChannels);
  }

  public int getSize() {
    return size;
  }

  public HistoryOptions setSize(int size) {
    this.size = OptionChecks.inRange("history size", size, 0, 1_000_000);
    return this;
  }

  public int getSeconds() {
    return seconds;
  }

  public HistoryOptions setSeconds(int seconds) {
    this.seconds = OptionChecks.inRange("history seconds", seconds, 1, 365 * 24 * 3600);
    return this;
  }

  public int getMaxChannels() {
    return maxChannels;
  }

  public HistoryOptions setMaxChannels(int maxChannels) {
    this.maxChannels = OptionChecks.inRange("max history channels", maxChannels, 1, 100_000_000);
    return this;
  }
}
