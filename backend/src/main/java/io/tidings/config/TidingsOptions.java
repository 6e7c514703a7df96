package io.tidings.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a Tidings node can be configured with. The defaults live here and nowhere else;
 * {@link CommandLine} maps flags and environment variables onto this object.
 */
public final class TidingsOptions {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_HEARTBEAT_SECONDS = 15;
  public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4096;
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_RETRY_MILLIS = 2000;
  public static final int DEFAULT_PRESENCE_INTERVAL_MILLIS = 1000;
  public static final int DEFAULT_PRESENCE_SNAPSHOT_LIMIT = 100;
  /** 0 means derived from the process's descriptor limit: see {@link #effectiveMaxConnections()}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 0;
  public static final int DEFAULT_MAX_STREAMS_PER_USER = 32;
  public static final int DEFAULT_MAX_STREAMS_PER_ADDRESS = 1000;
  public static final boolean DEFAULT_H2C = false;
  public static final int DEFAULT_STREAM_QUEUE_BYTES = 256 * 1024;
  public static final int DEFAULT_DEMO_STATUS_SECONDS = 5;
  public static final boolean DEFAULT_DEMO_STATUS = false;
  /** 0 means one HTTP verticle instance per available core. */
  public static final int DEFAULT_INSTANCES = 0;
  public static final int DEFAULT_DRAIN_MILLIS = 1000;
  public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
  public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4096;

  private int port = DEFAULT_PORT;
  private String host = DEFAULT_HOST;
  private int heartbeatSeconds = DEFAULT_HEARTBEAT_SECONDS;
  private int maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH;
  private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
  private int retryMillis = DEFAULT_RETRY_MILLIS;
  private int presenceIntervalMillis = DEFAULT_PRESENCE_INTERVAL_MILLIS;
  private int presenceSnapshotLimit = DEFAULT_PRESENCE_SNAPSHOT_LIMIT;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private int maxStreamsPerUser = DEFAULT_MAX_STREAMS_PER_USER;
  private int maxStreamsPerAddress = DEFAULT_MAX_STREAMS_PER_ADDRESS;
  private boolean h2c = DEFAULT_H2C;
  private int streamQueueBytes = DEFAULT_STREAM_QUEUE_BYTES;
  private boolean demoStatus = DEFAULT_DEMO_STATUS;
  private int demoStatusSeconds = DEFAULT_DEMO_STATUS_SECONDS;
  private int instances = DEFAULT_INSTANCES;
  private List<String> corsOrigins = new ArrayList<>();
  private int bodyTimeoutSeconds = DEFAULT_BODY_TIMEOUT_SECONDS;
  private int drainMillis = DEFAULT_DRAIN_MILLIS;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private int headerTimeoutSeconds = DEFAULT_HEADER_TIMEOUT_SECONDS;
  private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
  private int maxRequestLineBytes = DEFAULT_MAX_REQUEST_LINE_BYTES;
  private ClusterOptions cluster = new ClusterOptions();
  private HistoryOptions history = new HistoryOptions();
  private IdentityOptions identity = new IdentityOptions();
  private RateLimitOptions rateLimits = new RateLimitOptions();
  // transport: TLS and the internal (operations) port
  private TlsOptions tls = new TlsOptions();
  private InternalPortOptions internalPort = new InternalPortOptions();

  public TidingsOptions() {
  }

  public TidingsOptions(TidingsOptions other) {
    this(other.toJson());
  }

  public TidingsOptions(JsonObject json) {
    setPort(json.getInteger("port", DEFAULT_PORT));
    setHost(json.getString("host", DEFAULT_HOST));
    setHeartbeatSeconds(json.getInteger("heartbeatSeconds", DEFAULT_HEARTBEAT_SECONDS));
    setMaxMessageLength(json.getInteger("maxMessageLength", DEFAULT_MAX_MESSAGE_LENGTH));
    setMaxBodyBytes(json.getInteger("maxBodyBytes", DEFAULT_MAX_BODY_BYTES));
    setRetryMillis(json.getInteger("retryMillis", DEFAULT_RETRY_MILLIS));
    setPresenceIntervalMillis(json.getInteger("presenceIntervalMillis", DEFAULT_PRESENCE_INTERVAL_MILLIS));
    setPresenceSnapshotLimit(json.getInteger("presenceSnapshotLimit", DEFAULT_PRESENCE_SNAPSHOT_LIMIT));
    setMaxConnections(json.getInteger("maxConnections", DEFAULT_MAX_CONNECTIONS));
    setMaxStreamsPerUser(json.getInteger("maxStreamsPerUser", DEFAULT_MAX_STREAMS_PER_USER));
    setMaxStreamsPerAddress(json.getInteger("maxStreamsPerAddress", DEFAULT_MAX_STREAMS_PER_ADDRESS));
    setH2c(json.getBoolean("h2c", DEFAULT_H2C));
    setStreamQueueBytes(json.getInteger("streamQueueBytes", DEFAULT_STREAM_QUEUE_BYTES));
    setDemoStatus(json.getBoolean("demoStatus", DEFAULT_DEMO_STATUS));
    setDemoStatusSeconds(json.getInteger("demoStatusSeconds", DEFAULT_DEMO_STATUS_SECONDS));
    setInstances(json.getInteger("instances", DEFAULT_INSTANCES));
    List<String> origins = new ArrayList<>();
    json.getJsonArray("corsOrigins", new JsonArray()).forEach(o -> origins.add(String.valueOf(o)));
    setCorsOrigins(origins);
    setBodyTimeoutSeconds(json.getInteger("bodyTimeoutSeconds", DEFAULT_BODY_TIMEOUT_SECONDS));
    setDrainMillis(json.getInteger("drainMillis", DEFAULT_DRAIN_MILLIS));
    setIdleTimeoutSeconds(json.getInteger("idleTimeoutSeconds", DEFAULT_IDLE_TIMEOUT_SECONDS));
    setHeaderTimeoutSeconds(json.getInteger("headerTimeoutSeconds", DEFAULT_HEADER_TIMEOUT_SECONDS));
    setMaxHeaderBytes(json.getInteger("maxHeaderBytes", DEFAULT_MAX_HEADER_BYTES));
    setMaxRequestLineBytes(json.getInteger("maxRequestLineBytes", DEFAULT_MAX_REQUEST_LINE_BYTES));
    setCluster(new ClusterOptions(json.getJsonObject("cluster", new JsonObject())));
    setHistory(new HistoryOptions(json.getJsonObject("history", new JsonObject())));
    setIdentity(new IdentityOptions(json.getJsonObject("identity", new JsonObject())));
    setRateLimits(new RateLimitOptions(json.getJsonObject("rateLimits", new JsonObject())));
    setTls(new TlsOptions(json.getJsonObject("tls", new JsonObject())));
    setInternalPort(new InternalPortOptions(json.getJsonObject("internalPort", new JsonObject())));
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("port", port)
      .put("host", host)
      .put("heartbeatSeconds", heartbeatSeconds)
      .put("maxMessageLength", maxMessageLength)
      .put("maxBodyBytes", maxBodyBytes)
      .put("retryMillis", retryMillis)
      .put("presenceIntervalMillis", presenceIntervalMillis)
      .put("presenceSnapshotLimit", presenceSnapshotLimit)
      .put("maxConnections", maxConnections)
      .put("maxStreamsPerUser", maxStreamsPerUser)
      .put("maxStreamsPerAddress", maxStreamsPerAddress)
      .put("h2c", h2c)
      .put("streamQueueBytes", streamQueueBytes)
      .put("demoStatus", demoStatus)
      .put("demoStatusSeconds", demoStatusSeconds)
      .put("instances", instances)
      .put("corsOrigins", new JsonArray(new ArrayList<>(corsOrigins)))
      .put("bodyTimeoutSeconds", bodyTimeoutSeconds)
      .put("drainMillis", drainMillis)
      .put("idleTimeoutSeconds", idleTimeoutSeconds)
      .put("headerTimeoutSeconds", headerTimeoutSeconds)
      .put("maxHeaderBytes", maxHeaderBytes)
      .put("maxRequestLineBytes", maxRequestLineBytes)
      .put("cluster", cluster.toJson())
      .put("history", history.toJson())
      .put("identity", identity.toJson())
      .put("rateLimits", rateLimits.toJson())
      .put("tls", tls.toJson())
      .put("internalPort", internalPort.toJson());
  }

  public int getPort() {
    return port;
  }

  /** 0 asks the operating system for a free port (tests use it). */
  public TidingsOptions setPort(int port) {
    this.port = OptionChecks.inRange("port", port, 0, 65535);
    return this;
  }

  public String getHost() {
    return host;
  }

  public TidingsOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    this.host = host;
    return this;
  }

  public int getHeartbeatSeconds() {
    return heartbeatSeconds;
  }

  public TidingsOptions setHeartbeatSeconds(int heartbeatSeconds) {
    this.heartbeatSeconds = OptionChecks.inRange("heartbeat seconds", heartbeatSeconds, 1, 3600);
    return this;
  }

  public int getMaxMessageLength() {
    return maxMessageLength;
  }

  /** In Unicode code points, so an emoji counts as one character. */
  public TidingsOptions setMaxMessageLength(int maxMessageLength) {
    this.maxMessageLength = OptionChecks.inRange("max message length", maxMessageLength, 1, 1_000_000);
    return this;
  }

  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  public TidingsOptions setMaxBodyBytes(int maxBodyBytes) {
    this.maxBodyBytes = OptionChecks.inRange("max body bytes", maxBodyBytes, 256, 64 * 1024 * 1024);
    return this;
  }

  public int getRetryMillis() {
    return retryMillis;
  }

  public TidingsOptions setRetryMillis(int retryMillis) {
    this.retryMillis = OptionChecks.inRange("retry millis", retryMillis, 100, 600_000);
    return this;
  }

  public int getPresenceIntervalMillis() {
    return presenceIntervalMillis;
  }

  public TidingsOptions setPresenceIntervalMillis(int presenceIntervalMillis) {
    this.presenceIntervalMillis = OptionChecks.inRange("presence interval millis", presenceIntervalMillis, 10, 60_000);
    return this;
  }

  public int getPresenceSnapshotLimit() {
    return presenceSnapshotLimit;
  }

  public TidingsOptions setPresenceSnapshotLimit(int presenceSnapshotLimit) {
    this.presenceSnapshotLimit = OptionChecks.inRange("presence snapshot limit", presenceSnapshotLimit, 0, 10_000);
    return this;
  }

  public int getMaxConnections() {
    return maxConnections;
  }

  /** Open connections this node accepts before it refuses new ones with 429; 0 derives it from the descriptor limit. */
  public TidingsOptions setMaxConnections(int maxConnections) {
    this.maxConnections = OptionChecks.inRange("max connections", maxConnections, 0, 10_000_000);
    return this;
  }

  /**
   * The connection cap in force: the configured one, or the process's descriptor limit less a
   * reserve for the node's own files, cluster sockets and accepts in flight (128 + 1/20 of the limit).
   * No cap when the limit cannot be read (not a Unix JVM).
   */
  public int effectiveMaxConnections() {
    if (maxConnections > 0) {
      return maxConnections;
    }
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long limit = unix.getMaxFileDescriptorCount();
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit - (128 + limit / 20)));
    }
    return Integer.MAX_VALUE;
  }

  public int getMaxStreamsPerUser() {
    return maxStreamsPerUser;
  }

  /** Streams one user may hold open on this node; 0 for no cap. */
  public TidingsOptions setMaxStreamsPerUser(int maxStreamsPerUser) {
    this.maxStreamsPerUser = OptionChecks.inRange("max streams per user", maxStreamsPerUser, 0, 10_000_000);
    return this;
  }

  public int getMaxStreamsPerAddress() {
    return maxStreamsPerAddress;
  }

  /** Streams one client address may hold open on this node; 0 for no cap. Behind a proxy, all come from its address. */
  public TidingsOptions setMaxStreamsPerAddress(int maxStreamsPerAddress) {
    this.maxStreamsPerAddress = OptionChecks.inRange("max streams per address", maxStreamsPerAddress, 0, 10_000_000);
    return this;
  }

  public boolean isH2c() {
    return h2c;
  }

  /** Whether cleartext HTTP/2 (prior knowledge or upgrade) is served; HTTP/1.1 only when false. */
  public TidingsOptions setH2c(boolean h2c) {
    this.h2c = h2c;
    return this;
  }

  public int getStreamQueueBytes() {
    return streamQueueBytes;
  }

  /** Bytes waiting to be sent on one stream before it counts as too slow and is closed. */
  public TidingsOptions setStreamQueueBytes(int streamQueueBytes) {
    this.streamQueueBytes = OptionChecks.inRange("stream queue bytes", streamQueueBytes, 1024, 256 * 1024 * 1024);
    return this;
  }

  public boolean isDemoStatus() {
    return demoStatus;
  }

  public TidingsOptions setDemoStatus(boolean demoStatus) {
    this.demoStatus = demoStatus;
    return this;
  }

  public int getDemoStatusSeconds() {
    return demoStatusSeconds;
  }

  public TidingsOptions setDemoStatusSeconds(int demoStatusSeconds) {
    this.demoStatusSeconds = OptionChecks.inRange("demo status seconds", demoStatusSeconds, 1, 3600);
    return this;
  }

  public int getInstances() {
    return instances;
  }

  public TidingsOptions setInstances(int instances) {
    this.instances = OptionChecks.inRange("instances", instances, 0, 256);
    return this;
  }

  /** The number of HTTP verticle instances actually deployed. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public List<String> getCorsOrigins() {
    return corsOrigins;
  }

  /** Origins allowed to call Tidings from another site; empty means same origin only, "*" means any. */
  public TidingsOptions setCorsOrigins(List<String> corsOrigins) {
    List<String> cleaned = new ArrayList<>();
    for (String origin : Objects.requireNonNull(corsOrigins, "corsOrigins")) {
      String o = origin.trim();
      if (o.isEmpty()) {
        continue;
      }
      if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException("CORS origin must be '*' or scheme://host[:port], got '" + o + "'");
      }
      cleaned.add(o);
    }
    this.corsOrigins = cleaned;
    return this;
  }

  public int getBodyTimeoutSeconds() {
    return bodyTimeoutSeconds;
  }

  /** How long a request body may take to arrive in full; a slower one is answered 408 and its connection closed. */
  public TidingsOptions setBodyTimeoutSeconds(int bodyTimeoutSeconds) {
    this.bodyTimeoutSeconds = OptionChecks.inRange("body timeout seconds", bodyTimeoutSeconds, 1, 3600);
    return this;
  }

  /** On SIGTERM: how long the node reports not-ready before it tells its streams to reconnect elsewhere. */
  public int getDrainMillis() {
    return drainMillis;
  }

  public TidingsOptions setDrainMillis(int drainMillis) {
    this.drainMillis = OptionChecks.inRange("drain millis", drainMillis, 0, 600_000);
    return this;
  }

  /**
   * A connection with nothing read or written for this long is closed. Streams stay open through it
   * because of their heartbeat, so it must be longer than the heartbeat (checked at start-up).
   */
  public int getIdleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  public TidingsOptions setIdleTimeoutSeconds(int idleTimeoutSeconds) {
    this.idleTimeoutSeconds = OptionChecks.inRange("idle timeout seconds", idleTimeoutSeconds, 1, 86_400);
    return this;
  }

  /** How long a client may take to send a request's head (request line and header fields). */
  public int getHeaderTimeoutSeconds() {
    return headerTimeoutSeconds;
  }

  public TidingsOptions setHeaderTimeoutSeconds(int headerTimeoutSeconds) {
    this.headerTimeoutSeconds = OptionChecks.inRange("header timeout seconds", headerTimeoutSeconds, 1, 3600);
    return this;
  }

  /** The largest header section of a request (431 beyond it). */
  public int getMaxHeaderBytes() {
    return maxHeaderBytes;
  }

  public TidingsOptions setMaxHeaderBytes(int maxHeaderBytes) {
    this.maxHeaderBytes = OptionChecks.inRange("max header bytes", maxHeaderBytes, 1024, 1024 * 1024);
    return this;
  }

  /** The longest request line (414 beyond it). */
  public int getMaxRequestLineBytes() {
    return maxRequestLineBytes;
  }

  public TidingsOptions setMaxRequestLineBytes(int maxRequestLineBytes) {
    this.maxRequestLineBytes = OptionChecks.inRange("max request line bytes", maxRequestLineBytes, 256, 1024 * 1024);
    return this;
  }

  /** Throws unless the idle timeout leaves room for the heartbeat that keeps streams alive. */
  public TidingsOptions checkTimeouts() {
    if (idleTimeoutSeconds <= heartbeatSeconds) {
      throw new IllegalArgumentException("idle timeout (" + idleTimeoutSeconds
        + " s) must be longer than the heartbeat (" + heartbeatSeconds + " s), or idle streams are closed");
    }
    return this;
  }

  public HistoryOptions getHistory() {
    return history;
  }

  public TidingsOptions setHistory(HistoryOptions history) {
    this.history = Objects.requireNonNull(history, "history");
    return this;
  }

  public ClusterOptions getCluster() {
    return cluster;
  }

  public TidingsOptions setCluster(ClusterOptions cluster) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    return this;
  }

  public IdentityOptions getIdentity() {
    return identity;
  }

  public TidingsOptions setIdentity(IdentityOptions identity) {
    this.identity = Objects.requireNonNull(identity, "identity");
    return this;
  }

  public RateLimitOptions getRateLimits() {
    return rateLimits;
  }

  public TidingsOptions setRateLimits(RateLimitOptions rateLimits) {
    this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
    return this;
  }

  // ---- transport: TLS and the internal (operations) port ----

  public TlsOptions getTls() {
    return tls;
  }

  public TidingsOptions setTls(TlsOptions tls) {
    this.tls = Objects.requireNonNull(tls, "tls");
    return this;
  }

  public InternalPortOptions getInternalPort() {
    return internalPort;
  }

  public TidingsOptions setInternalPort(InternalPortOptions internalPort) {
    this.internalPort = Objects.requireNonNull(internalPort, "internalPort");
    return this;
  }

  /**
   * Throws unless the transport options fit together: the TLS files (see {@link TlsOptions#check()}),
   * and no {@code --h2c} with TLS, where browsers get HTTP/2 through ALPN and h2c would only switch
   * off the strict HTTP/1.1 decoder.
   */
  public TidingsOptions checkTransport() {
    tls.check();
    if (tls.isEnabled() && h2c) {
      throw new IllegalArgumentException("--h2c is for cleartext HTTP/2 behind a proxy; with --tls-cert HTTP/2 is offered through ALPN");
    }
    return this;
  }
}
