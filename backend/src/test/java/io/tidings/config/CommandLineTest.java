package io.tidings.config;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar tidings.jar [options]}: flags and environment variables onto {@link TidingsOptions}. */
class CommandLineTest {

  private static final Duration PROCESS_WAIT = Duration.ofSeconds(20);

  private static TidingsOptions parse(String... args) {
    CommandLine command = new CommandLine();
    new picocli.CommandLine(command).parseArgs(args);
    return command.toOptions();
  }

  @Test
  void flagsSetTheirOptions() {
    TidingsOptions options = parse("--port", "9191", "--host", "127.0.0.1", "--heartbeat-seconds", "7",
      "--max-message-length", "500", "--cors-origin", "http://a.example,https://b.example:8443", "--demo-status");

    assertEquals(9191, options.getPort());
    assertEquals("127.0.0.1", options.getHost());
    assertEquals(7, options.getHeartbeatSeconds());
    assertEquals(500, options.getMaxMessageLength());
    assertEquals(List.of("http://a.example", "https://b.example:8443"), options.getCorsOrigins());
    assertTrue(options.isDemoStatus(), "--demo-status without a value means true");
  }

  @Test
  void bodyTimeoutDefaultsTo10SecondsAndIsValidated() {
    assertEquals(TidingsOptions.DEFAULT_BODY_TIMEOUT_SECONDS, parse().getBodyTimeoutSeconds());
    assertEquals(10, TidingsOptions.DEFAULT_BODY_TIMEOUT_SECONDS);
    assertEquals(4, parse("--body-timeout-seconds", "4").getBodyTimeoutSeconds());
    assertThrows(IllegalArgumentException.class, () -> parse("--body-timeout-seconds", "0"));
  }

  @Test
  void historyFlagsSetTheHistoryOptionsWhoseDefaultsAreSizedForAChat() {
    HistoryOptions defaults = parse().getHistory();
    assertEquals(1000, defaults.getSize());
    assertEquals(86400, defaults.getSeconds());
    assertEquals(100_000, defaults.getMaxChannels());
    HistoryOptions set = parse("--history-size", "0", "--history-seconds", "60", "--max-history-channels", "5").getHistory();
    assertEquals(0, set.getSize());
    assertEquals(60, set.getSeconds());
    assertEquals(5, set.getMaxChannels());
    assertEquals(set.toJson(), new TidingsOptions(parse("--history-size", "0", "--history-seconds", "60",
      "--max-history-channels", "5").toJson()).getHistory().toJson(), "survives the JSON round trip");
    assertThrows(IllegalArgumentException.class, () -> parse("--history-size", "-1"));
    assertThrows(IllegalArgumentException.class, () -> parse("--history-seconds", "0"));
    assertThrows(IllegalArgumentException.class, () -> parse("--max-history-channels", "0"));
  }

  @Test
  void transportFlagsSetTlsAndTheInternalPortWhichIsOffByDefault() {
    TidingsOptions defaults = parse();
    assertFalse(defaults.getTls().isEnabled());
    assertFalse(defaults.getInternalPort().isSeparate());
    assertEquals("127.0.0.1", defaults.getInternalPort().getHost());
    TidingsOptions set = parse("--tls-cert", "c.pem", "--tls-key", "k.pem", "--internal-port", "9100",
      "--internal-host", "10.0.0.5");
    assertEquals("c.pem", set.getTls().getCertFile());
    assertEquals("k.pem", set.getTls().getKeyFile());
    assertEquals(9100, set.getInternalPort().getPort());
    assertEquals("10.0.0.5", set.getInternalPort().getHost());
    assertEquals(set.toJson(), new TidingsOptions(set.toJson()).toJson(), "survives the JSON round trip");
    assertThrows(IllegalArgumentException.class, () -> parse("--internal-port", "-2"));
    IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
      () -> parse("--tls-key", "k.pem").checkTransport());
    assertTrue(alone.getMessage().contains("--tls-cert"), alone.getMessage());
  }

  @Test
  void demoStatusTakesAnExplicitValueToo() {
    assertFalse(parse("--demo-status=false").isDemoStatus());
    assertTrue(parse("--demo-status=true").isDemoStatus());
  }

  @Test
  void noFlagsGiveTheDefaultsOfTidingsOptions() {
    // assumes no TIDINGS_* variable is set in the environment of the test run
    TidingsOptions options = parse();

    assertEquals(TidingsOptions.DEFAULT_PORT, options.getPort());
    assertEquals(TidingsOptions.DEFAULT_HOST, options.getHost());
    assertEquals(TidingsOptions.DEFAULT_HEARTBEAT_SECONDS, options.getHeartbeatSeconds());
    assertEquals(TidingsOptions.DEFAULT_MAX_MESSAGE_LENGTH, options.getMaxMessageLength());
    assertEquals(TidingsOptions.DEFAULT_MAX_BODY_BYTES, options.getMaxBodyBytes());
    assertEquals(TidingsOptions.DEFAULT_RETRY_MILLIS, options.getRetryMillis());
    assertEquals(TidingsOptions.DEFAULT_PRESENCE_INTERVAL_MILLIS, options.getPresenceIntervalMillis());
    assertEquals(TidingsOptions.DEFAULT_PRESENCE_SNAPSHOT_LIMIT, options.getPresenceSnapshotLimit());
    assertEquals(TidingsOptions.DEFAULT_STREAM_QUEUE_BYTES, options.getStreamQueueBytes());
    assertEquals(TidingsOptions.DEFAULT_INSTANCES, options.getInstances());
    assertEquals(TidingsOptions.DEFAULT_DEMO_STATUS, options.isDemoStatus());
    assertEquals(TidingsOptions.DEFAULT_DEMO_STATUS_SECONDS, options.getDemoStatusSeconds());
    assertEquals(List.of(), options.getCorsOrigins());
  }

  @Test
  void portOutOfRangeIsRefusedWithAReadableMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--port", "70000"));
    assertTrue(e.getMessage().contains("port") && e.getMessage().contains("65535")
      && e.getMessage().contains("70000"), e.getMessage());
  }

  @Test
  void corsOriginThatIsNotHttpIsRefusedWithAReadableMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
      () -> parse("--cors-origin", "ftp://x"));
    assertTrue(e.getMessage().contains("CORS origin") && e.getMessage().contains("ftp://x"), e.getMessage());
  }

  @Test
  void helpNamesTheEnvironmentVariableOfEveryOption() {
    CommandLine command = new CommandLine();
    picocli.CommandLine parser = new picocli.CommandLine(command);
    String usage = parser.getUsageMessage();

    List<String> missing = new ArrayList<>();
    for (OptionSpec option : parser.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String variable = "TIDINGS_" + option.longestName().substring(2).replace('-', '_').toUpperCase();
      if (!usage.contains(variable)) {
        missing.add(option.longestName() + " (" + variable + ")");
      }
    }
    assertTrue(missing.isEmpty(), "help does not name the environment variable of " + missing + ":\n" + usage);
    assertTrue(parser.getCommandSpec().options().size() > 10, "the options were found");
  }

  @Test
  void mainStartsOnThePortOfTidingsPortAndServesHealth() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path errors = Files.createTempFile("tidings-main", ".err");
    ProcessBuilder builder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
      "io.tidings.Main", "--host", "127.0.0.1")
      .redirectError(errors.toFile());
    builder.environment().put("TIDINGS_PORT", Integer.toString(port));
    Process process = builder.start();
    try {
      CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> firstLineContaining(process,
        "Tidings listening on"));
      String line;
      try {
        line = listening.get(PROCESS_WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("no 'Tidings listening on' within " + PROCESS_WAIT + "; stderr:\n"
          + Files.readString(errors), e);
      }
      assertTrue(line.contains(":" + port + "/"), line);

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"UP\""), health.body());
    } finally {
      stop(process);
      Files.deleteIfExists(errors);
    }
  }

  @Test
  void mainWithAnInvalidPortExitsWithCode2AndAMessage() throws Exception {
    Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
      "io.tidings.Main", "--port", "nope").start();
    try {
      CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      process.getOutputStream().close();
      assertTrue(process.waitFor(PROCESS_WAIT.toSeconds(), TimeUnit.SECONDS), "Main did not exit");
      assertEquals(2, process.exitValue());
      String message = stderr.get(5, TimeUnit.SECONDS);
      assertTrue(message.contains("--port") && message.contains("nope"), "stderr: " + message);
    } finally {
      stop(process);
    }
  }

  private static String java() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String firstLineContaining(Process process, String text) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.contains(text)) {
          return line;
        }
      }
      throw new AssertionError("the process ended its output without '" + text + "'");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void stop(Process process) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
