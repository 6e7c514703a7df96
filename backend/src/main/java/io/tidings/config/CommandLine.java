package io.tidings.config;

import io.tidings.identity.AuthMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line and environment of {@code java -jar tidings.jar}: each option is declared once
 * here, with its flag, its {@code TIDINGS_*} environment variable, its default (from
 * {@link TidingsOptions}) and its help text. picocli resolves the environment variables.
 */
@Command(name = "tidings", mixinStandardHelpOptions = true, version = "Tidings 0.1.0",
  sortOptions = false, usageHelpAutoWidth = true,
  description = "A Server-Sent Events chat and notification server on Vert.x.%n"
    + "Every option can also be set with the environment variable shown beside it.")
public final class CommandLine {

  @Option(names = "--port", paramLabel = "PORT",
    defaultValue = "${env:TIDINGS_PORT:-" + TidingsOptions.DEFAULT_PORT + "}",
    description = "HTTP port (env TIDINGS_PORT, default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--host", paramLabel = "HOST",
    defaultValue = "${env:TIDINGS_HOST:-" + TidingsOptions.DEFAULT_HOST + "}",
    description = "interface to listen on (env TIDINGS_HOST, default ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--heartbeat-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_HEARTBEAT_SECONDS:-" + TidingsOptions.DEFAULT_HEARTBEAT_SECONDS + "}",
    description = "seconds between keep-alive comments on idle streams (env TIDINGS_HEARTBEAT_SECONDS, default ${DEFAULT-VALUE})")
  int heartbeatSeconds;

  @Option(names = "--max-message-length", paramLabel = "CHARS",
    defaultValue = "${env:TIDINGS_MAX_MESSAGE_LENGTH:-" + TidingsOptions.DEFAULT_MAX_MESSAGE_LENGTH + "}",
    description = "longest chat message, in characters (env TIDINGS_MAX_MESSAGE_LENGTH, default ${DEFAULT-VALUE})")
  int maxMessageLength;

  @Option(names = "--max-body-bytes", paramLabel = "BYTES",
    defaultValue = "${env:TIDINGS_MAX_BODY_BYTES:-" + TidingsOptions.DEFAULT_MAX_BODY_BYTES + "}",
    description = "largest accepted request body (env TIDINGS_MAX_BODY_BYTES, default ${DEFAULT-VALUE})")
  int maxBodyBytes;

  @Option(names = "--retry-millis", paramLabel = "MILLIS",
    defaultValue = "${env:TIDINGS_RETRY_MILLIS:-" + TidingsOptions.DEFAULT_RETRY_MILLIS + "}",
    description = "reconnect delay advertised to browsers (env TIDINGS_RETRY_MILLIS, default ${DEFAULT-VALUE})")
  int retryMillis;

  @Option(names = "--presence-interval-millis", paramLabel = "MILLIS",
    defaultValue = "${env:TIDINGS_PRESENCE_INTERVAL_MILLIS:-" + TidingsOptions.DEFAULT_PRESENCE_INTERVAL_MILLIS + "}",
    description = "presence changes are batched into at most one event per this period (env TIDINGS_PRESENCE_INTERVAL_MILLIS, default ${DEFAULT-VALUE})")
  int presenceIntervalMillis;

  @Option(names = "--presence-snapshot-limit", paramLabel = "NAMES",
    defaultValue = "${env:TIDINGS_PRESENCE_SNAPSHOT_LIMIT:-" + TidingsOptions.DEFAULT_PRESENCE_SNAPSHOT_LIMIT + "}",
    description = "names in the snapshot sent when a stream opens; the rest via GET /api/online (env TIDINGS_PRESENCE_SNAPSHOT_LIMIT, default ${DEFAULT-VALUE})")
  int presenceSnapshotLimit;

  @Option(names = "--max-connections", paramLabel = "N",
    defaultValue = "${env:TIDINGS_MAX_CONNECTIONS:-" + TidingsOptions.DEFAULT_MAX_CONNECTIONS + "}",
    description = "open connections before new ones get 429; 0 derives it from the descriptor limit, less 128 + 1/20 of it (env TIDINGS_MAX_CONNECTIONS, default ${DEFAULT-VALUE})")
  int maxConnections;

  @Option(names = "--max-streams-per-user", paramLabel = "N",
    defaultValue = "${env:TIDINGS_MAX_STREAMS_PER_USER:-" + TidingsOptions.DEFAULT_MAX_STREAMS_PER_USER + "}",
    description = "open streams per user, across the cluster, 0 for no cap (env TIDINGS_MAX_STREAMS_PER_USER, default ${DEFAULT-VALUE})")
  int maxStreamsPerUser;

  @Option(names = "--max-streams-per-address", paramLabel = "N",
    defaultValue = "${env:TIDINGS_MAX_STREAMS_PER_ADDRESS:-" + TidingsOptions.DEFAULT_MAX_STREAMS_PER_ADDRESS + "}",
    description = "open streams per client address on this node, 0 for no cap; behind a proxy all come from its address (env TIDINGS_MAX_STREAMS_PER_ADDRESS, default ${DEFAULT-VALUE})")
  int maxStreamsPerAddress;

  @Option(names = "--h2c", arity = "0..1", fallbackValue = "true",
    defaultValue = "${env:TIDINGS_H2C:-" + TidingsOptions.DEFAULT_H2C + "}",
    description = "serve cleartext HTTP/2 (prior knowledge or upgrade) besides HTTP/1.1 (env TIDINGS_H2C, default ${DEFAULT-VALUE})")
  boolean h2c;

  @Option(names = "--stream-queue-bytes", paramLabel = "BYTES",
    defaultValue = "${env:TIDINGS_STREAM_QUEUE_BYTES:-" + TidingsOptions.DEFAULT_STREAM_QUEUE_BYTES + "}",
    description = "unsent bytes after which a stream is too slow and is closed (env TIDINGS_STREAM_QUEUE_BYTES, default ${DEFAULT-VALUE})")
  int streamQueueBytes;

  @Option(names = "--instances", paramLabel = "N",
    defaultValue = "${env:TIDINGS_INSTANCES:-" + TidingsOptions.DEFAULT_INSTANCES + "}",
    description = "HTTP verticle instances, 0 for one per core (env TIDINGS_INSTANCES, default ${DEFAULT-VALUE})")
  int instances;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
    defaultValue = "${env:TIDINGS_CORS_ORIGIN:-}",
    description = "origins allowed cross-site, comma separated, or * for any; same origin only when empty (env TIDINGS_CORS_ORIGIN)")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--body-timeout-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_BODY_TIMEOUT_SECONDS:-" + TidingsOptions.DEFAULT_BODY_TIMEOUT_SECONDS + "}",
    description = "seconds a request body may take to arrive in full, else 408 and the connection is closed (env TIDINGS_BODY_TIMEOUT_SECONDS, default ${DEFAULT-VALUE})")
  int bodyTimeoutSeconds;

  @Option(names = "--demo-status", arity = "0..1", fallbackValue = "true",
    defaultValue = "${env:TIDINGS_DEMO_STATUS:-" + TidingsOptions.DEFAULT_DEMO_STATUS + "}",
    description = "publish a periodic 'status' event to everyone, to show bus notifications (env TIDINGS_DEMO_STATUS, default ${DEFAULT-VALUE})")
  boolean demoStatus;

  @Option(names = "--demo-status-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_DEMO_STATUS_SECONDS:-" + TidingsOptions.DEFAULT_DEMO_STATUS_SECONDS + "}",
    description = "seconds between demo status events (env TIDINGS_DEMO_STATUS_SECONDS, default ${DEFAULT-VALUE})")
  int demoStatusSeconds;

  @Option(names = "--drain-millis", paramLabel = "MILLIS",
    defaultValue = "${env:TIDINGS_DRAIN_MILLIS:-" + TidingsOptions.DEFAULT_DRAIN_MILLIS + "}",
    description = "on SIGTERM, how long /health says not-ready before streams are told to reconnect elsewhere (env TIDINGS_DRAIN_MILLIS, default ${DEFAULT-VALUE})")
  int drainMillis;

  @Option(names = "--idle-timeout-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_IDLE_TIMEOUT_SECONDS:-" + TidingsOptions.DEFAULT_IDLE_TIMEOUT_SECONDS + "}",
    description = "close a connection with nothing read or written for this long; longer than the heartbeat (env TIDINGS_IDLE_TIMEOUT_SECONDS, default ${DEFAULT-VALUE})")
  int idleTimeoutSeconds;

  @Option(names = "--header-timeout-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_HEADER_TIMEOUT_SECONDS:-" + TidingsOptions.DEFAULT_HEADER_TIMEOUT_SECONDS + "}",
    description = "time a client has to send a request's head; 408 after it (env TIDINGS_HEADER_TIMEOUT_SECONDS, default ${DEFAULT-VALUE})")
  int headerTimeoutSeconds;

  @Option(names = "--max-header-bytes", paramLabel = "BYTES",
    defaultValue = "${env:TIDINGS_MAX_HEADER_BYTES:-" + TidingsOptions.DEFAULT_MAX_HEADER_BYTES + "}",
    description = "largest header section of a request; 431 beyond it (env TIDINGS_MAX_HEADER_BYTES, default ${DEFAULT-VALUE})")
  int maxHeaderBytes;

  @Option(names = "--max-request-line-bytes", paramLabel = "BYTES",
    defaultValue = "${env:TIDINGS_MAX_REQUEST_LINE_BYTES:-" + TidingsOptions.DEFAULT_MAX_REQUEST_LINE_BYTES + "}",
    description = "longest request line; 414 beyond it (env TIDINGS_MAX_REQUEST_LINE_BYTES, default ${DEFAULT-VALUE})")
  int maxRequestLineBytes;

  @Option(names = "--history-size", paramLabel = "N",
    defaultValue = "${env:TIDINGS_HISTORY_SIZE:-" + HistoryOptions.DEFAULT_SIZE + "}",
    description = "events kept per channel for resume and offline delivery; 0 keeps none (env TIDINGS_HISTORY_SIZE, default ${DEFAULT-VALUE})")
  int historySize;

  @Option(names = "--history-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_HISTORY_SECONDS:-" + HistoryOptions.DEFAULT_SECONDS + "}",
    description = "how long kept events stay (env TIDINGS_HISTORY_SECONDS, default ${DEFAULT-VALUE})")
  int historySeconds;

  @Option(names = "--max-history-channels", paramLabel = "N",
    defaultValue = "${env:TIDINGS_MAX_HISTORY_CHANNELS:-" + HistoryOptions.DEFAULT_MAX_CHANNELS + "}",
    description = "user channels kept (per cluster member in a cluster); the least recently used go first (env TIDINGS_MAX_HISTORY_CHANNELS, default ${DEFAULT-VALUE})")
  int maxHistoryChannels;

  @Option(names = "--cluster", arity = "0..1", fallbackValue = "true",
    defaultValue = "${env:TIDINGS_CLUSTER:-" + ClusterOptions.DEFAULT_ENABLED + "}",
    description = "join a cluster over the Vert.x clustered event bus on Hazelcast (env TIDINGS_CLUSTER, default ${DEFAULT-VALUE})")
  boolean cluster;

  @Option(names = "--cluster-host", paramLabel = "HOST",
    defaultValue = "${env:TIDINGS_CLUSTER_HOST:-}",
    description = "the address other nodes reach this one at (env TIDINGS_CLUSTER_HOST; Hazelcast picks one when empty)")
  String clusterHost;

  @Option(names = "--cluster-port", paramLabel = "PORT",
    defaultValue = "${env:TIDINGS_CLUSTER_PORT:-" + ClusterOptions.DEFAULT_PORT + "}",
    description = "Hazelcast member port (env TIDINGS_CLUSTER_PORT, default ${DEFAULT-VALUE})")
  int clusterPort;

  @Option(names = "--cluster-bus-port", paramLabel = "PORT",
    defaultValue = "${env:TIDINGS_CLUSTER_BUS_PORT:-" + ClusterOptions.DEFAULT_BUS_PORT + "}",
    description = "event bus port between nodes, 0 for any free one (env TIDINGS_CLUSTER_BUS_PORT, default ${DEFAULT-VALUE})")
  int clusterBusPort;

  @Option(names = "--cluster-members", paramLabel = "HOST:PORT", split = ",",
    defaultValue = "${env:TIDINGS_CLUSTER_MEMBERS:-}",
    description = "members to join over TCP/IP, comma separated; multicast stays off (env TIDINGS_CLUSTER_MEMBERS)")
  List<String> clusterMembers = new ArrayList<>();

  @Option(names = "--cluster-config", paramLabel = "FILE",
    defaultValue = "${env:TIDINGS_CLUSTER_CONFIG:-}",
    description = "a full Hazelcast configuration (XML or YAML) instead of the --cluster-* options (env TIDINGS_CLUSTER_CONFIG)")
  String clusterConfig;

  // identity and protection

  @Option(names = "--auth", paramLabel = "MODE",
    defaultValue = "${env:TIDINGS_AUTH:-" + IdentityOptions.DEFAULT_MODE_NAME + "}",
    description = "who may read and post as whom: nickname (claim a free name, get a session), jwt (tokens from your identity provider) or none (anyone as anyone: demos only) (env TIDINGS_AUTH, default ${DEFAULT-VALUE})")
  String auth;

  @Option(names = "--session-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_SESSION_SECONDS:-" + IdentityOptions.DEFAULT_SESSION_SECONDS + "}",
    description = "how long a nickname session lasts (env TIDINGS_SESSION_SECONDS, default ${DEFAULT-VALUE})")
  int sessionSeconds;

  @Option(names = "--name-grace-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_NAME_GRACE_SECONDS:-" + IdentityOptions.DEFAULT_NAME_GRACE_SECONDS + "}",
    description = "how long a name stays held after its session's last stream closed (env TIDINGS_NAME_GRACE_SECONDS, default ${DEFAULT-VALUE})")
  int nameGraceSeconds;

  @Option(names = "--jwt-secret", paramLabel = "SECRET",
    defaultValue = "${env:TIDINGS_JWT_SECRET:-}",
    description = "jwt mode: the HMAC secret (HS256), at least 32 bytes; prefer the environment variable, which ps does not show (env TIDINGS_JWT_SECRET)")
  String jwtSecret;

  @Option(names = "--jwt-public-key", paramLabel = "FILE",
    defaultValue = "${env:TIDINGS_JWT_PUBLIC_KEY:-}",
    description = "jwt mode: the issuer's public key, PEM (RS256 unless --jwt-algorithm says ES256 and so on) (env TIDINGS_JWT_PUBLIC_KEY)")
  String jwtPublicKey;

  @Option(names = "--jwt-algorithm", paramLabel = "ALG",
    defaultValue = "${env:TIDINGS_JWT_ALGORITHM:-}",
    description = "jwt mode: the one algorithm accepted; HS256 with a secret, RS256 with a key when empty (env TIDINGS_JWT_ALGORITHM)")
  String jwtAlgorithm;

  @Option(names = "--jwt-issuer", paramLabel = "ISS",
    defaultValue = "${env:TIDINGS_JWT_ISSUER:-}",
    description = "jwt mode: the 'iss' a token must carry; not checked when empty (env TIDINGS_JWT_ISSUER)")
  String jwtIssuer;

  @Option(names = "--jwt-audience", paramLabel = "AUD",
    defaultValue = "${env:TIDINGS_JWT_AUDIENCE:-}",
    description = "jwt mode: an 'aud' a token must carry; not checked when empty (env TIDINGS_JWT_AUDIENCE)")
  String jwtAudience;

  @Option(names = "--jwt-user-claim", paramLabel = "CLAIM",
    defaultValue = "${env:TIDINGS_JWT_USER_CLAIM:-" + IdentityOptions.DEFAULT_JWT_USER_CLAIM + "}",
    description = "jwt mode: the claim holding the user name (env TIDINGS_JWT_USER_CLAIM, default ${DEFAULT-VALUE})")
  String jwtUserClaim;

  @Option(names = "--jwt-publisher-claim", paramLabel = "CLAIM",
    defaultValue = "${env:TIDINGS_JWT_PUBLISHER_CLAIM:-}",
    description = "jwt mode: a claim that, when true, lets the token publish on /api/notify (env TIDINGS_JWT_PUBLISHER_CLAIM)")
  String jwtPublisherClaim;

  @Option(names = "--publisher-secret", paramLabel = "SECRET",
    defaultValue = "${env:TIDINGS_PUBLISHER_SECRET:-}",
    description = "the bearer secret of backend services on POST /api/notify, at least 32 bytes; none accepted when empty (env TIDINGS_PUBLISHER_SECRET)")
  String publisherSecret;

  @Option(names = "--allowed-origin", paramLabel = "ORIGIN", split = ",",
    defaultValue = "${env:TIDINGS_ALLOWED_ORIGIN:-}",
    description = "origins besides the server's own whose pages may post, claim names and log out, comma separated (env TIDINGS_ALLOWED_ORIGIN)")
  List<String> allowedOrigins = new ArrayList<>();

  @Option(names = "--max-messages-per-user", paramLabel = "PER_MINUTE",
    defaultValue = "${env:TIDINGS_MAX_MESSAGES_PER_USER:-" + RateLimitOptions.DEFAULT_MESSAGES_PER_USER + "}",
    description = "messages a user may post a minute, across the cluster; 0 for no limit (env TIDINGS_MAX_MESSAGES_PER_USER, default ${DEFAULT-VALUE})")
  int maxMessagesPerUser;

  @Option(names = "--max-messages-per-address", paramLabel = "PER_MINUTE",
    defaultValue = "${env:TIDINGS_MAX_MESSAGES_PER_ADDRESS:-" + RateLimitOptions.DEFAULT_MESSAGES_PER_ADDRESS + "}",
    description = "messages a client address may post a minute, across the cluster; 0 for no limit (env TIDINGS_MAX_MESSAGES_PER_ADDRESS, default ${DEFAULT-VALUE})")
  int maxMessagesPerAddress;

  @Option(names = "--max-sessions-per-address", paramLabel = "PER_MINUTE",
    defaultValue = "${env:TIDINGS_MAX_SESSIONS_PER_ADDRESS:-" + RateLimitOptions.DEFAULT_SESSIONS_PER_ADDRESS + "}",
    description = "names a client address may claim a minute, across the cluster; 0 for no limit (env TIDINGS_MAX_SESSIONS_PER_ADDRESS, default ${DEFAULT-VALUE})")
  int maxSessionsPerAddress;

  @Option(names = "--max-stream-opens-per-address", paramLabel = "PER_MINUTE",
    defaultValue = "${env:TIDINGS_MAX_STREAM_OPENS_PER_ADDRESS:-" + RateLimitOptions.DEFAULT_STREAMS_PER_ADDRESS + "}",
    description = "streams a client address may open a minute, across the cluster; 0 for no limit (env TIDINGS_MAX_STREAM_OPENS_PER_ADDRESS, default ${DEFAULT-VALUE})")
  int maxStreamOpensPerAddress;
  // ---- transport: TLS and the internal (operations) port ----

  @Option(names = "--tls-cert", paramLabel = "FILE",
    defaultValue = "${env:TIDINGS_TLS_CERT:-}",
    description = "PEM certificate (chain): serve HTTPS, with HTTP/2 through ALPN besides HTTP/1.1; needs --tls-key (env TIDINGS_TLS_CERT)")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
    defaultValue = "${env:TIDINGS_TLS_KEY:-}",
    description = "PEM private key of --tls-cert (env TIDINGS_TLS_KEY)")
  String tlsKey;

  @Option(names = "--internal-port", paramLabel = "PORT",
    defaultValue = "${env:TIDINGS_INTERNAL_PORT:-" + InternalPortOptions.DEFAULT_PORT + "}",
    description = "serve /health and /metrics on this port only, not the public one; -1 for off (env TIDINGS_INTERNAL_PORT, default ${DEFAULT-VALUE})")
  int internalPort;

  @Option(names = "--internal-host", paramLabel = "HOST",
    defaultValue = "${env:TIDINGS_INTERNAL_HOST:-" + InternalPortOptions.DEFAULT_HOST + "}",
    description = "interface of the internal port (env TIDINGS_INTERNAL_HOST, default ${DEFAULT-VALUE})")
  String internalHost;

  /** Validates through the setters of {@link TidingsOptions}, which throw with a readable message. */
  public TidingsOptions toOptions() {
    return new TidingsOptions()
      .setPort(port)
      .setHost(host)
      .setHeartbeatSeconds(heartbeatSeconds)
      .setMaxMessageLength(maxMessageLength)
      .setMaxBodyBytes(maxBodyBytes)
      .setRetryMillis(retryMillis)
      .setPresenceIntervalMillis(presenceIntervalMillis)
      .setPresenceSnapshotLimit(presenceSnapshotLimit)
      .setMaxConnections(maxConnections)
      .setMaxStreamsPerUser(maxStreamsPerUser)
      .setMaxStreamsPerAddress(maxStreamsPerAddress)
      .setH2c(h2c)
      .setStreamQueueBytes(streamQueueBytes)
      .setInstances(instances)
      .setCorsOrigins(corsOrigins == null ? List.of() : corsOrigins)
      .setBodyTimeoutSeconds(bodyTimeoutSeconds)
      .setDemoStatus(demoStatus)
      .setDemoStatusSeconds(demoStatusSeconds)
      .setDrainMillis(drainMillis)
      .setIdleTimeoutSeconds(idleTimeoutSeconds)
      .setHeaderTimeoutSeconds(headerTimeoutSeconds)
      .setMaxHeaderBytes(maxHeaderBytes)
      .setMaxRequestLineBytes(maxRequestLineBytes)
      .setHistory(new HistoryOptions()
        .setSize(historySize)
        .setSeconds(historySeconds)
        .setMaxChannels(maxHistoryChannels))
      .setIdentity(new IdentityOptions()
        .setMode(AuthMode.parse(auth))
        .setSessionSeconds(sessionSeconds)
        .setNameGraceSeconds(nameGraceSeconds)
        .setJwtSecret(jwtSecret)
        .setJwtPublicKeyFile(jwtPublicKey)
        .setJwtAlgorithm(jwtAlgorithm)
        .setJwtIssuer(jwtIssuer)
        .setJwtAudience(jwtAudience)
        .setJwtUserClaim(jwtUserClaim)
        .setJwtPublisherClaim(jwtPublisherClaim)
        .setPublisherSecret(publisherSecret)
        .setAllowedOrigins(allowedOrigins == null ? List.of() : allowedOrigins)
        .validate())
      .setRateLimits(new RateLimitOptions()
        .setMessagesPerUser(maxMessagesPerUser)
        .setMessagesPerAddress(maxMessagesPerAddress)
        .setSessionsPerAddress(maxSessionsPerAddress)
        .setStreamsPerAddress(maxStreamOpensPerAddress))
      .setCluster(new ClusterOptions()
        .setEnabled(cluster)
        .setHost(clusterHost)
        .setPort(clusterPort)
        .setBusPort(clusterBusPort)
        .setMembers(clusterMembers == null ? List.of() : clusterMembers)
        .setConfigFile(clusterConfig))
      .setTls(new TlsOptions().setCertFile(tlsCert).setKeyFile(tlsKey))
      .setInternalPort(new InternalPortOptions().setPort(internalPort).setHost(internalHost));
  }
}
