package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The cost of identity as a Markdown table: one line per mode, each figure the range over the
 * runs, and beside it the range of its ratio to (or difference from) {@code none} of the same run.
 */
final class IdentityTable {

  private IdentityTable() {
  }

  static void render(StringBuilder out, JsonArray rows) {
    if (rows == null || rows.isEmpty()) {
      return;
    }
    Map<String, List<JsonObject>> byMode = new LinkedHashMap<>();
    for (JsonObject r : Table.objects(rows)) {
      byMode.computeIfAbsent(r.getString("auth"), m -> new ArrayList<>()).add(r);
    }
    JsonObject any = rows.getJsonObject(0);
    String users = Table.num(any.getInteger("users"));
    out.append("\nIdentity cost, a fresh node per --auth mode (").append(users).append(" users, each a stream; direct "
      + "messages with ").append(Table.num(any.getInteger("inFlight"))).append(" in flight, each connection posting as "
      + "one user with its credential; claim: POST /api/session per user, which none answers without a token, and jwt "
      + "has none: the bench signs its tokens; claims and opens of ").append(users).append(" more users on the warmed "
      + "node; server µs: the node's CPU time per request; each figure the range over the runs, ratios and differences "
      + "to none taken run by run)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"auth", "runs", "POSTs/s", "÷ none", "p50 ms", "p99 ms", "server µs/POST", "− none",
      "claim all", "µs/claim", "open all", "÷ none", "µs/open", "failed"});
    List<JsonObject> none = byMode.getOrDefault(IdentityScenario.Mode.NONE.flag(), List.of());
    for (Map.Entry<String, List<JsonObject>> mode : byMode.entrySet()) {
      List<JsonObject> runs = mode.getValue();
      boolean claims = runs.get(0).getJsonObject("warm").getJsonObject("claims") != null;
      lines.add(new String[] {mode.getKey(), Table.num(runs.size()),
        range(runs, r -> r.getLong("postsPerSecond"), Table::num),
        mode.getKey().equals(IdentityScenario.Mode.NONE.flag()) ? "1" : ratios(runs, none, r -> r.getLong("postsPerSecond")),
        range(runs, r -> r.getJsonObject("latency").getDouble("p50Ms"), IdentityTable::decimal),
        range(runs, r -> r.getJsonObject("latency").getDouble("p99Ms"), IdentityTable::decimal),
        range(runs, r -> r.getDouble("serverMicrosPerPost"), IdentityTable::decimal),
        differences(runs, none, r -> r.getDouble("serverMicrosPerPost")),
        claims ? range(runs, r -> claims(r).getDouble("seconds"), IdentityTable::seconds) : "-",
        claims ? range(runs, r -> claims(r).getDouble("serverMicrosEach"), IdentityTable::decimal) : "-",
        range(runs, r -> opens(r).getDouble("seconds"), IdentityTable::seconds),
        mode.getKey().equals(IdentityScenario.Mode.NONE.flag()) ? "1" : ratios(runs, none, r -> opens(r).getDouble("seconds")),
        range(runs, r -> opens(r).getDouble("serverMicrosEach"), IdentityTable::decimal),
        Table.num(runs.stream().mapToLong(IdentityTable::failed).sum())});
    }
    Table.markdown(out, lines);
  }

  static JsonObject claims(JsonObject run) {
    return run.getJsonObject("warm").getJsonObject("claims");
  }

  static JsonObject opens(JsonObject run) {
    return run.getJsonObject("warm").getJsonObject("opens");
  }

  /** POSTs, claims and opens that failed, cold and warm, and streams the server ended. */
  static long failed(JsonObject run) {
    long failed = run.getLong("postsFailed") + run.getLong("dropped", 0L);
    for (String step : List.of("cold", "warm")) {
      JsonObject s = run.getJsonObject(step);
      failed += s.getJsonObject("opens").getLong("failed");
      if (s.getJsonObject("claims") != null) {
        failed += s.getJsonObject("claims").getLong("failed");
      }
    }
    return failed;
  }

  /** The range of a figure over the runs that have it. */
  static String range(List<JsonObject> runs, Function<JsonObject, Number> figure, DoubleFunction<String> format) {
    List<Double> values = new ArrayList<>();
    for (JsonObject r : runs) {
      Number v = figure.apply(r);
      if (v != null) {
        values.add(v.doubleValue());
      }
    }
    return span(values, format);
  }

  /**
   * The range of this mode's figure over none's, each run against none's run of the same repeat
   * (or any rows' over a baseline's: the limits table's on over off).
   */
  static String ratios(List<JsonObject> runs, List<JsonObject> none, Function<JsonObject, Number> figure) {
    return span(paired(runs, none, figure, (a, b) -> b > 0 ? a / b : Double.NaN), v -> String.format(Locale.ROOT, "%.2f", v));
  }

  /** The range of this mode's figure minus none's, run by run. */
  static String differences(List<JsonObject> runs, List<JsonObject> none, Function<JsonObject, Number> figure) {
    return span(paired(runs, none, figure, (a, b) -> a - b), v -> String.format(Locale.ROOT, "%+.1f", v));
  }

  private static List<Double> paired(List<JsonObject> runs, List<JsonObject> none, Function<JsonObject, Number> figure,
                                     DoubleBinaryOperator combine) {
    List<Double> values = new ArrayList<>();
    for (JsonObject r : runs) {
      for (JsonObject n : none) {
        Number a = figure.apply(r);
        Number b = figure.apply(n);
        if (n.getInteger("repeat").equals(r.getInteger("repeat")) && a != null && b != null) {
          double v = combine.applyAsDouble(a.doubleValue(), b.doubleValue());
          if (!Double.isNaN(v)) {
            values.add(v);
          }
        }
      }
    }
    return values;
  }

  /** "min to max", or one figure when they read the same; "-" for none. */
  private static String span(List<Double> values, DoubleFunction<String> format) {
    if (values.isEmpty()) {
      return "-";
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return format.apply(min).equals(format.apply(max)) ? format.apply(min) : format.apply(min) + " to " + format.apply(max);
  }

  static String decimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  static String seconds(double value) {
    return String.format(Locale.ROOT, "%.2f s", value);
  }
}
