package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of the rate limits: the identity scenario's work ({@link IdentityScenario#measure}: claims,
 * stream opens, direct POSTs; {@code --auth nickname} unless told) on fresh nodes with every limit off, and with every limit on
 * at ceilings so high that nothing is refused, so that each request is counted and none turned
 * away. On one node the counts are in memory; on a two-node cluster in the data grid (claims and
 * POSTs to the first node, streams on the second, as {@link TidingsTarget#cluster} places them), a
 * round trip to each key's partition owner, which is either node. A run where any request got 429
 * measures refusals, not counting: its row says so and the benchmark exits 1.
 */
final class LimitsScenario {

  /** Per minute: the most {@code RateLimitOptions} takes, far beyond what a run sends. */
  static final String CEILING = "100000000";
  /** Open at once: the most the server takes for {@code --max-streams-per-user}. */
  static final String STREAMS_CEILING = "10000000";
  /** The limits on, every one at its ceiling. */
  static final List<String> ON = List.of("--max-messages-per-user", CEILING, "--max-messages-per-address", CEILING,
    "--max-sessions-per-address", CEILING, "--max-stream-opens-per-address", CEILING,
    "--max-streams-per-user", STREAMS_CEILING);
  /** {@link TidingsTarget#NO_RATE_LIMITS}, and the per-user stream cap off too: in a cluster it is a grid round trip. */
  static final List<String> OFF = List.of("--max-streams-per-user", "0");

  private final IdentityScenario identity;
  private final Progress progress;
  private final Path jar;
  private final List<String> javaOptions;
  private final Path log;
  private final IdentityScenario.Mode mode;

  /** {@code mode}: nickname, as a browser signs in, or none: a cheaper POST, and claims not counted. */
  LimitsScenario(IdentityScenario identity, Progress progress, Path jar, List<String> javaOptions, Path log,
                 IdentityScenario.Mode mode) {
    this.identity = identity;
    this.progress = progress;
    this.jar = jar;
    this.javaOptions = javaOptions;
    this.log = log;
    this.mode = mode;
  }

  /**
   * One row per node count, setting and repeat, tagged {@code nodes}, {@code limits} (on, off) and
   * {@code repeat}: odd repeats run off then on, even ones on then off.
   */
  JsonArray run(List<Integer> nodeCounts, int users, int connections, double seconds, double warmupSeconds,
                int repeats) {
    JsonArray rows = new JsonArray();
    for (int nodes : nodeCounts) {
      for (int r = 1; r <= repeats; r++) {
        List<Boolean> order = r % 2 == 1 ? List.of(false, true) : List.of(true, false);
        for (boolean on : order) {
          rows.add(once(nodes, on, users, connections, seconds, warmupSeconds).put("repeat", r));
        }
      }
    }
    return rows;
  }

  /** The total of requests answered 429 over the rows: none unless a ceiling was reached. */
  static long refused(JsonArray rows) {
    return Table.objects(rows).stream().mapToLong(r -> r.getLong("refused", 0L)).sum();
  }

  private JsonObject once(int nodes, boolean on, int users, int connections, double seconds, double warmupSeconds) {
    List<String> flags = new ArrayList<>(IdentityScenario.serverFlags(mode));
    flags.addAll(on ? ON : OFF);
    String name = "limits " + (on ? "on" : "off") + ", " + nodes + (nodes == 1 ? " node" : " nodes");
    try (TidingsTarget target = nodes == 1 ? TidingsTarget.start(jar, javaOptions, log, flags)
      : TidingsTarget.cluster(jar, javaOptions, log, nodes, flags)) {
      JsonObject row = identity.measure(target, mode, name, users, connections, seconds,
        warmupSeconds);
      row.put("nodes", nodes).put("limits", on ? "on" : "off");
      if (row.getLong("refused") > 0) {
        progress.say("%s: ERROR: %,d requests answered 429: this row measures refusals, not the cost of counting",
          name, row.getLong("refused"));
      }
      return row;
    }
  }
}
