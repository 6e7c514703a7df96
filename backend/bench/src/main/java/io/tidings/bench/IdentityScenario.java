package io.tidings.bench;

import io.tidings.bench.generator.Callers;
import io.tidings.bench.generator.Claimed;
import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;
import io.tidings.bench.generator.PostResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The cost of identity: the same work on a fresh node per mode, {@code --auth none}, {@code nickname}
 * and {@code jwt}. N users get their credentials (nickname: each claims a session with
 * {@code POST /api/session}; jwt: the bench signs each a token, as an identity provider would; none:
 * the same claim, answered without a token) and open a stream with it ({@code ?access_token=}, as
 * an EventSource does); then direct messages as in {@link DirectScenario}, each connection posting
 * as one of the users with its {@code Authorization: Bearer} header. Then, on the warmed node, N
 * more users claim and open again: those are the claim and open times reported, the first ones
 * being mostly the JIT's. The machine is shared, so the figures to read are the ratios to
 * {@code none} in the same run; each repeat runs the modes again in the other order.
 */
final class IdentityScenario {

  /** A server identity mode, as {@code --auth} names it. */
  enum Mode {
    NONE, NICKNAME, JWT;

    String flag() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Mode parse(String flag) {
      return valueOf(flag.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** The nodes' HS256 key in jwt mode: loopback only, never a deployment's. */
  static final String JWT_SECRET = "tidings-bench-hs256-key-for-loopback-runs-only";
  private static final String SESSION_URI = "/api/session";
  // the users whose streams take the direct messages, and the ones opened later on the warm node
  private static final String FIRST = "u";
  private static final String AGAIN = "w";

  private final Fleet fleet;
  private final Sender sender;
  private final Progress progress;
  private final Path jar;
  private final List<String> javaOptions;
  private final Path log;
  private final int concurrency;
  private final JwtSigner signer = new JwtSigner(JWT_SECRET);

  IdentityScenario(Fleet fleet, Sender sender, Progress progress, Path jar, List<String> javaOptions, Path log,
                   int concurrency) {
    this.fleet = fleet;
    this.sender = sender;
    this.progress = progress;
    this.jar = jar;
    this.javaOptions = javaOptions;
    this.log = log;
    this.concurrency = concurrency;
  }

  static List<String> serverFlags(Mode mode) {
    return mode == Mode.JWT ? List.of("--auth", "jwt", "--jwt-secret", JWT_SECRET) : List.of("--auth", mode.flag());
  }

  /**
   * One row per mode and repeat, tagged with {@code auth} and {@code repeat}: the odd repeats run
   * {@code modes} in their order, the even ones backwards, so that none always runs on a warmer machine.
   */
  JsonArray run(List<Mode> modes, int users, int connections, double seconds, double warmupSeconds, int repeats) {
    JsonArray rows = new JsonArray();
    for (int r = 1; r <= repeats; r++) {
      List<Mode> order = new ArrayList<>(modes);
      if (r % 2 == 0) {
        Collections.reverse(order);
      }
      for (Mode mode : order) {
        rows.add(once(mode, users, connections, seconds, warmupSeconds).put("repeat", r));
      }
    }
    return rows;
  }

  private JsonObject once(Mode mode, int users, int connections, double seconds, double warmupSeconds) {
    try (TidingsTarget target = TidingsTarget.start(jar, javaOptions, log, serverFlags(mode))) {
      return measure(target, mode, "identity " + mode.flag(), users, connections, seconds, warmupSeconds);
    }
  }

  /**
   * The work on a started {@code target} (one node, or a cluster: claims and POSTs to its sender
   * node, streams on its stream node) whose flags set {@code mode}; the row's {@code refused}
   * counts every request answered 429, warm-up included.
   */
  JsonObject measure(TidingsTarget target, Mode mode, String name, int users, int connections, double seconds,
                     double warmupSeconds) {
    progress.say("%s: credentials and streams for %,d users", name, users);
    Credentials first = credentials(target, mode, FIRST, users);
    JsonObject cold = first.row.put("opens", open(target, mode, FIRST, first.tokens));
    FreePort.sleep(2000);

    Target.Post post = new Target.Post("/sse/message", "application/json", "{\"user\":\"" + FIRST + Sender.CALLER
      + "\",\"to\":\"" + FIRST + Sender.RECIPIENT + "\",\"message\":\"" + Sender.MARKER + "\"}");
    Callers callers = mode == Mode.NONE ? Callers.named(users)
      : Callers.withAuthorizations(first.tokens.stream().map(t -> "Bearer " + t).toList());
    JsonArray warmup = new JsonArray();
    long warmupRefused = 0;
    for (double left = warmupSeconds; left > 0; left -= DirectScenario.WARMUP_SLICE_SECONDS) {
      PostResult slice = sender.closedLoop(target.senderPort(), post, callers, users, connections,
        Math.min(left, DirectScenario.WARMUP_SLICE_SECONDS));
      warmup.add(Math.round(slice.perSecond()));
      warmupRefused += slice.refused();
      progress.say("%s: warm-up slice %d: %,d POSTs/s, %,d failed", name, warmup.size(),
        Math.round(slice.perSecond()), slice.failed());
    }
    if (warmupSeconds > 0) {
      FreePort.sleep(1000);
    }
    fleet.stats(true);
    CpuUse cpu = CpuUse.start(target, fleet);
    double serverBefore = target.cpuSeconds();
    PostResult sent = sender.closedLoop(target.senderPort(), post, callers, users, connections, seconds);
    double serverSeconds = target.cpuSeconds() - serverBefore;
    FreePort.sleep(1000);
    Counts stats = fleet.stats(true);
    JsonObject cpuUse = cpu.stop();
    fleet.closeStreams();

    progress.say("%s: %,d more users on the warm node", name, users);
    Credentials again = credentials(target, mode, AGAIN, users);
    JsonObject warm = again.row.put("opens", open(target, mode, AGAIN, again.tokens));
    fleet.closeStreams();

    JsonObject latency = Latency.toJson(stats.latencyMicros());
    JsonObject row = new JsonObject()
      .put("auth", mode.flag())
      .put("users", users)
      .put("inFlight", connections)
      .put("warmupPostsPerSecond", warmup)
      .put("seconds", Math.round(sent.seconds() * 100) / 100.0)
      .put("postsOk", sent.ok())
      .put("postsFailed", sent.failed())
      .put("postsRefused", sent.refused())
      .put("postsPerSecond", Math.round(sent.perSecond()))
      .put("serverMicrosPerPost", sent.ok() > 0 ? Math.round(serverSeconds * 1e7 / sent.ok()) / 10.0 : null)
      .put("delivered", stats.messages())
      .put("dropped", stats.dropped())
      .put("latency", latency)
      .put("cpuCores", cpuUse)
      .put("cold", cold)
      .put("warm", warm)
      .put("refused", warmupRefused + sent.refused() + refused(cold) + refused(warm));
    progress.say("%s: %,d POSTs/s (%,d failed), p50 %s ms, p99 %s ms, server %s µs/POST; warm: %s",
      name, row.getLong("postsPerSecond"), sent.failed(), latency.getValue("p50Ms"), latency.getValue("p99Ms"),
      row.getValue("serverMicrosPerPost"), summary(warm));
    return row;
  }

  /** The tokens of {@code count} users named {@code prefix0, prefix1, ...}, and how getting them went. */
  private record Credentials(List<String> tokens, JsonObject row) {
  }

  /**
   * Nickname and none: each user claims a session (none answers without a token: the request's
   * cost with no identity); jwt: the bench signs each a token, which costs the server nothing.
   */
  private Credentials credentials(TidingsTarget target, Mode mode, String prefix, int count) {
    if (mode == Mode.JWT) {
      long start = System.nanoTime();
      long expires = Instant.now().getEpochSecond() + 3600;
      List<String> tokens = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        tokens.add(signer.sign(prefix + i, expires));
      }
      return new Credentials(tokens, new JsonObject().put("claims", null)
        .put("signedSeconds", (System.nanoTime() - start) / 1e9));
    }
    double before = target.cpuSeconds();
    Claimed claimed = fleet.claim(target.senderPort(), SESSION_URI, "{\"user\":\"" + prefix + "{i}\"}", count,
      concurrency);
    double server = target.cpuSeconds() - before;
    JsonObject claims = new JsonObject()
      .put("ok", claimed.ok())
      .put("failed", claimed.failed())
      .put("refused", claimed.refused())
      .put("seconds", claimed.millis() / 1000.0)
      .put("serverMicrosEach", perEach(server, count))
      .put("firstError", claimed.firstError());
    return new Credentials(claimed.tokens(), new JsonObject().put("claims", claims));
  }

  /** Opens a stream for each user, with its token when the mode has one. */
  private JsonObject open(TidingsTarget target, Mode mode, String prefix, List<String> tokens) {
    String uri = "/sse?user=" + prefix + "{i}";
    List<String> inUri = List.of();
    if (mode != Mode.NONE) {
      uri += "&access_token={token}";
      // a failed claim has no token: its stream is refused (401) and counted as failed
      inUri = tokens.stream().map(t -> t == null ? "" : URLEncoder.encode(t, StandardCharsets.UTF_8)).toList();
    }
    double before = target.cpuSeconds();
    Opened opened = mode == Mode.NONE ? fleet.open(target.port(), uri, tokens.size(), concurrency)
      : fleet.open(target.port(), uri, inUri, concurrency);
    double server = target.cpuSeconds() - before;
    return new JsonObject()
      .put("ok", opened.ok())
      .put("failed", opened.failed())
      .put("refused", opened.refused())
      .put("seconds", opened.millis() / 1000.0)
      .put("serverMicrosEach", perEach(server, tokens.size()))
      .put("firstError", opened.firstError());
  }

  /** Claims and opens of a step answered 429. */
  private static long refused(JsonObject step) {
    JsonObject claims = step.getJsonObject("claims");
    return step.getJsonObject("opens").getLong("refused") + (claims == null ? 0 : claims.getLong("refused", 0L));
  }

  private static double perEach(double serverSeconds, int count) {
    return count > 0 ? Math.round(serverSeconds * 1e7 / count) / 10.0 : 0;
  }

  private static String summary(JsonObject step) {
    JsonObject claims = step.getJsonObject("claims");
    JsonObject opens = step.getJsonObject("opens");
    return (claims == null ? "tokens signed by the bench"
      : String.format(Locale.ROOT, "%,d claimed in %.2f s (%,d failed, %s µs server CPU each)", claims.getInteger("ok"),
        claims.getDouble("seconds"), claims.getInteger("failed"), claims.getValue("serverMicrosEach")))
      + String.format(Locale.ROOT, ", %,d opened in %.2f s (%,d failed, %s µs each)%s", opens.getInteger("ok"),
        opens.getDouble("seconds"), opens.getInteger("failed"), opens.getValue("serverMicrosEach"),
        opens.getString("firstError") == null ? "" : "; first error: " + opens.getString("firstError"));
  }
}
