package io.tidings;

import io.tidings.config.CommandLine;
import io.tidings.config.TidingsOptions;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar tidings.jar [options]}; {@code --help} lists the options. */
public final class Main {

  // vertx-micrometer registers each shared gauge once per use, by design; Micrometer then warns
  // "already registered" at start-up, which is noise to an operator. Held here so JUL keeps the level.
  private static final Logger METER_REGISTRY_LOG = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");
  // Hazelcast narrates every step at INFO; warnings and errors still show
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
  // warns at every start that CP structures (locks, counters) are unsafe: Tidings uses none
  private static final Logger HAZELCAST_CP_LOG = Logger.getLogger("com.hazelcast.cp.CPSubsystem");

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    // JUL's formatter reads the time-zone file on the first log line; when that line reports the
    // connection cap, descriptors may be exhausted, and the failed class init then kills Netty's acceptor
    java.time.ZoneId.systemDefault();
    METER_REGISTRY_LOG.setLevel(Level.SEVERE);
    HAZELCAST_LOG.setLevel(Level.WARNING);
    HAZELCAST_CP_LOG.setLevel(Level.SEVERE);
    CommandLine command = new CommandLine();
    picocli.CommandLine parser = new picocli.CommandLine(command);
    TidingsOptions options;
    try {
      picocli.CommandLine.ParseResult parsed = parser.parseArgs(args);
      if (picocli.CommandLine.printHelpIfRequested(parsed)) {
        return;
      }
      options = command.toOptions();
    } catch (picocli.CommandLine.ParameterException | IllegalArgumentException e) {
      System.err.println("tidings: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(2);
      return;
    }
    Tidings tidings;
    try {
      tidings = Tidings.start(options).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("tidings: could not start on " + options.getHost() + ":" + options.getPort() + ": "
        + cause.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("Tidings listening on " + (options.getTls().isEnabled() ? "https" : "http") + "://"
      + displayHost(options.getHost()) + ":" + tidings.port() + "/"
      + (options.getCluster().isEnabled() ? " (cluster member)" : "")
      + (tidings.vertx().isNativeTransportEnabled() ? "" : " (Java NIO transport: " + nativeTransportProblem() + ")"));
    if (options.getInternalPort().isSeparate()) {
      System.out.println("Health and metrics on http://" + displayHost(options.getInternalPort().getHost()) + ":"
        + tidings.internalPort() + "/health and /metrics");
    }
    // SIGTERM (or Ctrl-C): drain, then leave the cluster, then exit
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        tidings.shutdown().toCompletionStage().toCompletableFuture()
          .get(options.getDrainMillis() + 15_000L, TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }, "tidings-shutdown"));
  }

  private static String nativeTransportProblem() {
    Throwable cause = io.vertx.core.transport.Transport.nativeTransport().unavailabilityCause();
    return cause == null ? "native transport unavailable" : cause.getMessage();
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") ? "localhost" : host;
  }
}
