package io.tidings.config;

import io.vertx.core.json.JsonObject;

/**
 * A separate listener for {@code /health} and {@code /metrics}, kept off the public port (as
 * Centrifugo's internal port): a monitor reaches them, the internet does not. Off by default: then
 * the public port serves them.
 */
public final class InternalPortOptions {

  /** No separate listener: the public port serves health and metrics. */
  public static final int OFF = -1;
  public static final int DEFAULT_PORT = OFF;
  /** Loopback: a monitor on the same host, or a sidecar; set an interface to reach it from elsewhere. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private int port = DEFAULT_PORT;
  private String host = DEFAULT_HOST;

  public InternalPortOptions() {
  }

  public InternalPortOptions(InternalPortOptions other) {
    this(other.toJson());
  }

  public InternalPortOptions(JsonObject json) {
    setPort(json.getInteger("port", DEFAULT_PORT));
    setHost(json.getString("host", DEFAULT_HOST));
  }

  public JsonObject toJson() {
    return new JsonObject().put("port", port).put("host", host);
  }

  /** {@link #OFF} (-1) for none, 0 for any free port (tests), else the port. */
  public int getPort() {
    return port;
  }

  public InternalPortOptions setPort(int port) {
    this.port = OptionChecks.inRange("internal port", port, OFF, 65535);
    return this;
  }

  public String getHost() {
    return host;
  }

  public InternalPortOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("internal host must not be empty");
    }
    this.host = host.trim();
    return this;
  }

  /** Whether health and metrics have a listener of their own (and the public port answers them 404). */
  public boolean isSeparate() {
    return port != OFF;
  }
}
