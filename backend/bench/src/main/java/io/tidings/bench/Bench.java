package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code java -jar backend/bench/target/tidings-bench.jar}: runs the scenarios against a freshly
 * started Tidings node and, beside it, Nchan (and, opt-in, a Tidings cluster on loopback); prints a
 * table and writes a JSON results file and an SVG chart.
 */
@Command(name = "tidings-bench", mixinStandardHelpOptions = true, sortOptions = false,
  description = "Measures Tidings side by side with Nchan on this machine (loopback only).")
public final class Bench implements Callable<Integer> {

  /** Nginx and the generator each hold at most this many streams (open files are capped at 20,000). */
  static final int STREAMS_PER_PROCESS = 15_000;

  @Option(names = "--server-jar", description = "the Tidings server jar (default: ${DEFAULT-VALUE})")
  Path serverJar = Path.of("backend/target/tidings.jar");

  /** What {@code npm start} runs the server with, and the README recommends for small nodes. */
  static final List<String> RECOMMENDED_SERVER_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmn32m",
    "-XX:TrimNativeHeapInterval=2000");

  @Option(names = "--server-java-opts", split = " ",
    description = "JVM options for the Tidings nodes (default: ${DEFAULT-VALUE}, as npm start; \"\" for the JVM's defaults)")
  List<String> serverJavaOptions = new ArrayList<>(RECOMMENDED_SERVER_JAVA_OPTIONS);

  @Option(names = "--scenarios", split = ",", description = "which to run: idle,broadcast,direct,storm,cluster,"
    + "history,resume,identity,limits (default: ${DEFAULT-VALUE}; cluster is opt-in: it starts up to three more server JVMs "
    + "and takes about 6 minutes more, and measures single-node broadcast and direct too when they are not chosen; "
    + "history (about 8 minutes), resume (about 2), identity (about 7) and limits (about 11) are opt-in too; every "
    + "scenario but identity and limits runs Tidings with --auth none; all but limits without the server's rate limits)")
  List<String> scenarios = new ArrayList<>(List.of("idle", "broadcast", "direct", "storm"));

  @Option(names = "--idle-streams", split = ",", description = "idle stream counts (default: ${DEFAULT-VALUE})")
  List<Integer> idleStreams = new ArrayList<>(List.of(1000, 5000, 15000));

  @Option(names = "--broadcast-streams", split = ",", description = "broadcast stream counts (default: ${DEFAULT-VALUE})")
  List<Integer> broadcastStreams = new ArrayList<>(List.of(1000, 10000));

  @Option(names = "--broadcast-rates", split = ",", description = "broadcasts per second, in turn (default: ${DEFAULT-VALUE})")
  List<Double> broadcastRates = new ArrayList<>(List.of(5.0, 50.0, 200.0));

  @Option(names = "--broadcast-seconds", description = "seconds at each rate (default: ${DEFAULT-VALUE})")
  double broadcastSeconds = 4;

  @Option(names = "--drain-seconds", description = "longest wait for the last events after sending (default: ${DEFAULT-VALUE})")
  double drainSeconds = 10;

  // a fresh node's throughput stops rising only after 40-45 s of direct load on this 2-core machine
  // (5 s slices: 0.5k, 1.6k, 1.7k, 3.6k, 4.4k, 6.0k, 8.1k, 8.4k, 10.1k, 10.3k, 9.6k POSTs/s): C2 is busy
  // compiling until then, and figures taken earlier measure the JIT
  @Option(names = "--warmup-seconds",
    description = "unmeasured seconds of load on each fresh server before broadcast and direct (default: ${DEFAULT-VALUE})")
  double warmupSeconds = 45;

  @Option(names = "--direct-users", description = "users (streams) for direct messages (default: ${DEFAULT-VALUE})")
  int directUsers = 2000;

  @Option(names = "--direct-in-flight",
    description = "POSTs in flight for direct messages, one per keep-alive connection (default: ${DEFAULT-VALUE})")
  int directInFlight = Sender.DEFAULT_CONNECTIONS;

  @Option(names = "--direct-seconds", description = "seconds of direct messages (default: ${DEFAULT-VALUE})")
  double directSeconds = 8;

  @Option(names = "--storm-streams", description = "streams that reconnect at once after a restart (default: ${DEFAULT-VALUE})")
  int stormStreams = 5000;

  @Option(names = "--history-broadcast-streams", split = ",",
    description = "history: broadcast stream counts, with history and without (default: ${DEFAULT-VALUE})")
  List<Integer> historyBroadcastStreams = new ArrayList<>(List.of(1000, 10000));

  // 1,000 streams at 50/s is held (latency is comparable); 10,000 at 50/s saturates (events/s is)
  @Option(names = "--history-broadcast-rates", split = ",",
    description = "history: broadcasts per second, in turn (default: ${DEFAULT-VALUE})")
  List<Double> historyBroadcastRates = new ArrayList<>(List.of(50.0));

  @Option(names = "--history-parts", split = ",",
    description = "history: which parts to run: memory,broadcast,direct (default: ${DEFAULT-VALUE})")
  List<String> historyParts = new ArrayList<>(List.of("memory", "broadcast", "direct"));

  @Option(names = "--history-repeats",
    description = "history: times the broadcast and direct pairs (kept, off) are run (default: ${DEFAULT-VALUE})")
  int historyRepeats = 1;

  @Option(names = "--history-kept-flags", split = " ",
    description = "history: server flags of the node that keeps history (default: none, the server's defaults)")
  List<String> historyKeptFlags = new ArrayList<>(HistoryScenario.KEPT_FLAGS);

  @Option(names = "--history-off-flags", split = " ",
    description = "history: server flags of the node that keeps none (default: ${DEFAULT-VALUE})")
  List<String> historyOffFlags = new ArrayList<>(HistoryScenario.OFF_FLAGS);

  @Option(names = "--history-memory-events",
    description = "history: direct messages kept (over 40 new users), for the memory per 1,000 kept events "
      + "(default: ${DEFAULT-VALUE})")
  int historyMemoryEvents = 20_000;

  @Option(names = "--history-memory-channels",
    description = "history: direct messages to as many new users, for the memory per 1,000 channels (default: ${DEFAULT-VALUE})")
  int historyMemoryChannels = 20_000;

  @Option(names = "--resume-streams", description = "resume: streams cut off and resumed at once (default: ${DEFAULT-VALUE})")
  int resumeStreams = 5000;

  @Option(names = "--resume-rate", description = "resume: broadcasts per second, live and while away (default: ${DEFAULT-VALUE})")
  double resumeRate = 20;

  @Option(names = "--resume-live-seconds",
    description = "resume: seconds of broadcasts before the cut (default: ${DEFAULT-VALUE})")
  double resumeLiveSeconds = 10;

  @Option(names = "--resume-away-seconds",
    description = "resume: seconds of broadcasts from the cut on, before the streams resume (default: ${DEFAULT-VALUE})")
  double resumeAwaySeconds = 5;

  // Tidings keeps 1,000 events per channel by default; Nchan keeps 10 unless told
  @Option(names = "--resume-nchan-buffer",
    description = "resume and history memory: Nchan's nchan_message_buffer_length (default: ${DEFAULT-VALUE}, "
      + "Tidings' default history)")
  int resumeNchanBuffer = 1000;

  @Option(names = "--resume-modes", split = ",", description = "resume: dropped (one node, and Nchan), drained "
    + "(two nodes) (default: ${DEFAULT-VALUE})")
  List<String> resumeModes = new ArrayList<>(List.of("dropped", "drained"));

  @Option(names = "--resume-settle-seconds",
    description = "resume: seconds between the streams opening and the first broadcast (default: ${DEFAULT-VALUE})")
  double resumeSettleSeconds = 2;

  @Option(names = "--identity-modes", split = ",",
    description = "identity: the --auth modes compared, none first (default: ${DEFAULT-VALUE})")
  List<String> identityModes = new ArrayList<>(List.of("none", "nickname", "jwt"));

  @Option(names = "--identity-users",
    description = "identity: users, each with a credential and a stream, opened twice per mode (default: ${DEFAULT-VALUE})")
  int identityUsers = 2000;

  @Option(names = "--identity-repeats",
    description = "identity: times the modes are run, every other time in reverse order (default: ${DEFAULT-VALUE})")
  int identityRepeats = 2;

  @Option(names = "--limits-nodes", split = ",",
    description = "limits: node counts, each run with the limits off and on (default: ${DEFAULT-VALUE}; 2 is a cluster: "
      + "claims and POSTs to one node, streams on the other)")
  List<Integer> limitsNodes = new ArrayList<>(List.of(1, 2));

  @Option(names = "--limits-users",
    description = "limits: users, each with a session and a stream, opened twice per run (default: ${DEFAULT-VALUE})")
  int limitsUsers = 2000;

  @Option(names = "--limits-auth",
    description = "limits: the --auth mode of every node, nickname or none (default: ${DEFAULT-VALUE})")
  String limitsAuth = "nickname";

  @Option(names = "--limits-repeats",
    description = "limits: times off and on are run per node count, every other time on first (default: ${DEFAULT-VALUE})")
  int limitsRepeats = 2;

  @Option(names = "--cluster-idle-streams",
    description = "idle streams over the cluster, an equal share on each node (default: ${DEFAULT-VALUE})")
  int clusterIdleStreams = 45_000;

  @Option(names = "--cluster-idle-nodes", description = "nodes for the cluster's idle streams (default: ${DEFAULT-VALUE}; "
    + "broadcast and direct use two: streams on one, POSTs to the other)")
  int clusterIdleNodes = 3;

  @Option(names = "--no-presence-off", description = "skip the Tidings runs with ?presence=false "
    + "(by default made for idle at the largest count and for every broadcast count)")
  boolean noPresenceOff;

  @Option(names = "--no-nchan", description = "skip the Nchan column (by default measured beside Tidings)")
  boolean noNchan;

  @Option(names = "--nchan-workers", description = "nginx worker processes (default: ${DEFAULT-VALUE})")
  int nchanWorkers = 2;

  @Option(names = "--generators", description = "at least this many generator processes (default: ${DEFAULT-VALUE})")
  int generators = 2;

  @Option(names = "--generator-loops", description = "event loops per generator process (default: ${DEFAULT-VALUE})")
  int generatorLoops = 1;

  @Option(names = "--open-concurrency", description = "stream handshakes in flight while opening (default: ${DEFAULT-VALUE})")
  int openConcurrency = 256;

  @Option(names = "--no-source-addresses",
    description = "connect from 127.0.0.1 only (by default each open batch takes the next of 127.0.0.2 ... 127.0.0.251)")
  boolean noSourceAddresses;

  @Option(names = "--results", description = "folder for the JSON results and SVG chart (default: ${DEFAULT-VALUE})")
  Path resultsDir = Path.of("backend/bench/results");

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The benchmark without {@code System.exit}: the exit code. */
  public static int run(String... args) {
    return new CommandLine(new Bench()).execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(serverJar)) {
      System.err.println("tidings-bench: no server jar at " + serverJar.toAbsolutePath()
        + ": build it first (mvn -B package -DskipTests), or pass --server-jar");
      return 2;
    }
    Progress progress = new Progress(System.err);
    Files.createDirectories(resultsDir);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Path log = resultsDir.resolve("bench-" + stamp + ".log");
    String nchanMissing = !noNchan ? NchanTarget.missing() : "off (--no-nchan)";
    if (!noNchan && nchanMissing != null) {
      System.err.println("tidings-bench: Nchan column skipped: it needs " + nchanMissing);
    }
    boolean withNchan = nchanMissing == null;

    JsonObject results = new JsonObject()
      .put("date", Instant.now().toString())
      .put("machine", Machine.describe())
      .put("settings", settings(withNchan, nchanMissing))
      .put("idle", new JsonArray())
      .put("broadcast", new JsonArray())
      .put("direct", new JsonArray())
      .put("storm", new JsonArray())
      .put("history", new JsonObject())
      .put("resume", new JsonArray())
      .put("identity", new JsonArray())
      .put("limits", new JsonArray())
      .put("cluster", new JsonObject().put("broadcast", new JsonArray()).put("direct", new JsonArray())
        .put("idle", new JsonArray()));

    int largest = 0;
    for (List<Integer> counts : List.of(idleStreams, broadcastStreams)) {
      for (int n : counts) {
        largest = Math.max(largest, n);
      }
    }
    largest = Math.max(largest, directUsers);
    if (scenarios.contains("storm")) {
      largest = Math.max(largest, stormStreams);
    }
    if (scenarios.contains("history")) {
      for (int n : historyBroadcastStreams) {
        largest = Math.max(largest, n);
      }
    }
    if (scenarios.contains("resume")) {
      largest = Math.max(largest, resumeStreams);
    }
    List<IdentityScenario.Mode> modes = new ArrayList<>();
    if (scenarios.contains("identity")) {
      largest = Math.max(largest, identityUsers);
      for (String mode : nonBlank(identityModes)) {
        try {
          modes.add(IdentityScenario.Mode.parse(mode));
        } catch (IllegalArgumentException e) {
          System.err.println("tidings-bench: --identity-modes takes none, nickname and jwt, not " + mode);
          return 2;
        }
      }
    }
    // jwt has no claims, whose cost the limits table reports
    IdentityScenario.Mode limitsMode = switch (limitsAuth.trim()) {
      case "nickname" -> IdentityScenario.Mode.NICKNAME;
      case "none" -> IdentityScenario.Mode.NONE;
      default -> null;
    };
    if (limitsMode == null) {
      System.err.println("tidings-bench: --limits-auth takes nickname and none, not " + limitsAuth);
      return 2;
    }
    if (scenarios.contains("limits")) {
      largest = Math.max(largest, limitsUsers);
    }
    if (scenarios.contains("cluster")) {
      // each node's share is opened over every generator: they hold the whole count between them
      largest = Math.max(largest, clusterIdleStreams);
    }
    int generatorCount = Math.max(generators, (largest + STREAMS_PER_PROCESS - 1) / STREAMS_PER_PROCESS);
    Supplier<Target> tidings = () -> TidingsTarget.start(serverJar, serverJavaOptions, log);
    Supplier<Target> nginx = () -> NchanTarget.start(nchanWorkers, log);
    Supplier<TidingsTarget> single = () -> TidingsTarget.start(serverJar, serverJavaOptions, log);
    Supplier<TidingsTarget> pair = () -> TidingsTarget.cluster(serverJar, serverJavaOptions, log, 2);
    boolean cluster = scenarios.contains("cluster");

    progress.say("starting %d generator processes; logs in %s", generatorCount, log);
    try (Fleet fleet = new Fleet(generatorCount, generatorLoops, !noSourceAddresses, log)) {
      Sender sender = new Sender(fleet);
      if (scenarios.contains("idle")) {
        IdleScenario idle = new IdleScenario(fleet, progress, openConcurrency);
        int max = idleStreams.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int n : idleStreams) {
          results.getJsonArray("idle").add(idle.run(tidings, n, true));
          if (!noPresenceOff && n == max) {
            results.getJsonArray("idle").add(idle.run(tidings, n, false));
          }
          if (withNchan) {
            results.getJsonArray("idle").add(idle.run(nginx, Math.min(n, STREAMS_PER_PROCESS * nchanWorkers), true));
          }
        }
      }
      BroadcastScenario broadcast = new BroadcastScenario(fleet, sender, progress, openConcurrency,
        broadcastSeconds, drainSeconds, warmupSeconds);
      // the cluster's figures are read beside a single node's, measured in the same run
      if (scenarios.contains("broadcast") || cluster) {
        for (int n : broadcastStreams) {
          results.getJsonArray("broadcast").addAll(broadcast.run(tidings, n, broadcastRates, true));
          if (!noPresenceOff && scenarios.contains("broadcast")) {
            results.getJsonArray("broadcast").addAll(broadcast.run(tidings, n, broadcastRates, false));
          }
          if (withNchan && scenarios.contains("broadcast")) {
            results.getJsonArray("broadcast").addAll(broadcast.run(nginx, n, broadcastRates, true));
          }
        }
        results.put("broadcastHeld", BroadcastScenario.highestHeld(results.getJsonArray("broadcast")));
      }
      DirectScenario direct = new DirectScenario(fleet, sender, progress, openConcurrency);
      if (scenarios.contains("direct") || cluster) {
        results.getJsonArray("direct").add(direct.run(single, directUsers, directInFlight, directSeconds,
          warmupSeconds));
      }
      if (scenarios.contains("storm")) {
        StormScenario storm = new StormScenario(fleet, sender, progress, openConcurrency);
        results.getJsonArray("storm").add(storm.run(tidings, stormStreams));
        if (withNchan) {
          results.getJsonArray("storm").add(storm.run(nginx, Math.min(stormStreams, STREAMS_PER_PROCESS * nchanWorkers)));
        }
      }
      if (scenarios.contains("history")) {
        HistoryScenario history = new HistoryScenario(fleet, sender, progress, serverJar, serverJavaOptions, log,
          nonBlank(historyKeptFlags), nonBlank(historyOffFlags));
        JsonObject h = results.getJsonObject("history");
        if (historyParts.contains("memory")) {
          JsonArray memory = history.memory(historyMemoryEvents, historyMemoryChannels);
          if (withNchan) {
            memory.add(history.memoryNchan(nchanWorkers, resumeNchanBuffer, historyMemoryEvents, historyMemoryChannels));
          }
          h.put("memory", memory);
        }
        if (historyParts.contains("broadcast")) {
          h.put("broadcast", history.broadcast(broadcast, historyBroadcastStreams, historyBroadcastRates, historyRepeats));
        }
        if (historyParts.contains("direct")) {
          h.put("direct", history.direct(direct, directUsers, directInFlight, directSeconds, warmupSeconds,
            historyRepeats));
        }
      }
      if (scenarios.contains("resume")) {
        ResumeScenario resume = new ResumeScenario(fleet, sender, progress, openConcurrency, resumeRate,
          resumeSettleSeconds, resumeLiveSeconds, resumeAwaySeconds);
        JsonArray rows = results.getJsonArray("resume");
        if (resumeModes.contains("dropped")) {
          rows.add(resume.dropped(tidings, resumeStreams));
          if (withNchan) {
            rows.add(resume.dropped(() -> NchanTarget.start(nchanWorkers, resumeNchanBuffer, log),
              Math.min(resumeStreams, STREAMS_PER_PROCESS * nchanWorkers)));
          }
        }
        if (resumeModes.contains("drained")) {
          rows.add(resume.drained(pair, resumeStreams));
        }
      }
      IdentityScenario identity = new IdentityScenario(fleet, sender, progress, serverJar, serverJavaOptions, log,
        openConcurrency);
      if (scenarios.contains("identity")) {
        results.put("identity", identity.run(modes, identityUsers, directInFlight, directSeconds, warmupSeconds,
          identityRepeats));
      }
      if (scenarios.contains("limits")) {
        results.put("limits", new LimitsScenario(identity, progress, serverJar, serverJavaOptions, log, limitsMode)
          .run(limitsNodes, limitsUsers, directInFlight, directSeconds, warmupSeconds, limitsRepeats));
      }
      if (cluster) {
        JsonObject c = results.getJsonObject("cluster");
        for (int n : broadcastStreams) {
          c.getJsonArray("broadcast").addAll(broadcast.run(pair::get, n, broadcastRates, true));
        }
        c.put("broadcastHeld", BroadcastScenario.highestHeld(c.getJsonArray("broadcast")));
        c.getJsonArray("direct").add(direct.run(pair, directUsers, directInFlight, directSeconds, warmupSeconds));
        c.getJsonArray("idle").add(new ClusterIdleScenario(fleet, progress, openConcurrency).run(
          () -> TidingsTarget.cluster(serverJar, serverJavaOptions, log, clusterIdleNodes), clusterIdleStreams));
      }
    }

    Path json = resultsDir.resolve("bench-" + stamp + ".json");
    Path svg = resultsDir.resolve("bench-" + stamp + ".svg");
    Files.writeString(json, results.encodePrettily());
    Files.writeString(svg, Chart.svg(results));
    System.out.println(Table.render(results));
    System.out.println("results: " + json.toAbsolutePath());
    System.out.println("chart:   " + svg.toAbsolutePath());
    long refused = LimitsScenario.refused(results.getJsonArray("limits"));
    if (refused > 0) {
      // the limits' ceilings are there to count every request and refuse none: a 429 voids the comparison
      System.err.println("tidings-bench: limits: " + refused + " requests answered 429; those rows measure refusals");
      return 1;
    }
    return 0;
  }

  /** A split option's words without the empty one that {@code ""} gives. */
  private static List<String> nonBlank(List<String> words) {
    return words.stream().filter(w -> !w.isBlank()).toList();
  }

  private JsonObject settings(boolean withNchan, String nchanMissing) {
    return new JsonObject()
      .put("scenarios", new JsonArray(new ArrayList<>(scenarios)))
      .put("idleStreams", new JsonArray(new ArrayList<>(idleStreams)))
      .put("broadcastStreams", new JsonArray(new ArrayList<>(broadcastStreams)))
      .put("broadcastRates", new JsonArray(new ArrayList<>(broadcastRates)))
      .put("broadcastSeconds", broadcastSeconds)
      .put("warmupSeconds", warmupSeconds)
      .put("directUsers", directUsers)
      .put("directInFlight", directInFlight)
      .put("directSeconds", directSeconds)
      .put("stormStreams", stormStreams)
      .put("historyBroadcastStreams", new JsonArray(new ArrayList<>(historyBroadcastStreams)))
      .put("historyBroadcastRates", new JsonArray(new ArrayList<>(historyBroadcastRates)))
      .put("historyFlags", new JsonObject().put(HistoryScenario.KEPT, new JsonArray(nonBlank(historyKeptFlags)))
        .put(HistoryScenario.OFF, new JsonArray(nonBlank(historyOffFlags))))
      .put("historyParts", new JsonArray(new ArrayList<>(historyParts)))
      .put("historyRepeats", historyRepeats)
      .put("historyMemoryEvents", historyMemoryEvents)
      .put("historyMemoryChannels", historyMemoryChannels)
      .put("resumeStreams", resumeStreams)
      .put("resumeRate", resumeRate)
      .put("resumeModes", new JsonArray(new ArrayList<>(resumeModes)))
      .put("resumeSettleSeconds", resumeSettleSeconds)
      .put("resumeLiveSeconds", resumeLiveSeconds)
      .put("resumeAwaySeconds", resumeAwaySeconds)
      .put("resumeNchanBuffer", resumeNchanBuffer)
      .put("identityModes", new JsonArray(nonBlank(identityModes)))
      .put("identityUsers", identityUsers)
      .put("identityRepeats", identityRepeats)
      .put("limitsNodes", new JsonArray(new ArrayList<>(limitsNodes)))
      .put("limitsUsers", limitsUsers)
      .put("limitsRepeats", limitsRepeats)
      .put("limitsAuth", limitsAuth)
      .put("limitsOnFlags", new JsonArray(LimitsScenario.ON))
      .put("limitsOffFlags", new JsonArray(TidingsTarget.withDefaults(LimitsScenario.OFF)))
      .put("clusterIdleStreams", clusterIdleStreams)
      .put("clusterIdleNodes", clusterIdleNodes)
      .put("clusterBroadcast", "two nodes: streams on the second, POSTs to the first")
      .put("auth", TidingsTarget.DEFAULT_AUTH.get(1))
      .put("serverFlags", new JsonArray(TidingsTarget.withDefaults(List.of())))
      .put("serverJavaOptions", new JsonArray(new ArrayList<>(serverJavaOptions)))
      .put("nchan", withNchan)
      .put("nchanSkipped", withNchan ? null : nchanMissing)
      .put("nchanWorkers", nchanWorkers)
      .put("nchanMemory", "resident memory of the nginx master plus its workers")
      .put("generatorLoops", generatorLoops)
      .put("latency", "POST created (System.nanoTime in the message) to bytes read by the generator");
  }
}
