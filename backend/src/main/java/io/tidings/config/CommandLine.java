package io.tidings.config;

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

  @Option(names = "--demo-status", arity = "0..1", fallbackValue = "true",
    defaultValue = "${env:TIDINGS_DEMO_STATUS:-" + TidingsOptions.DEFAULT_DEMO_STATUS + "}",
    description = "publish a periodic 'status' event to everyone, to show bus notifications (env TIDINGS_DEMO_STATUS, default ${DEFAULT-VALUE})")
  boolean demoStatus;

  @Option(names = "--demo-status-seconds", paramLabel = "SECONDS",
    defaultValue = "${env:TIDINGS_DEMO_STATUS_SECONDS:-" + TidingsOptions.DEFAULT_DEMO_STATUS_SECONDS + "}",
    description = "seconds between demo status events (env TIDINGS_DEMO_STATUS_SECONDS, default ${DEFAULT-VALUE})")
  int demoStatusSeconds;

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
      .setStreamQueueBytes(streamQueueBytes)
      .setInstances(instances)
      .setCorsOrigins(corsOrigins == null ? List.of() : corsOrigins)
      .setDemoStatus(demoStatus)
      .setDemoStatusSeconds(demoStatusSeconds);
  }
}
