package io.tidings.bench.generator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How claiming sessions went: {@code ok} answered 200, {@code failed} anything else or no answer (of
 * which {@code refused} answered 429, a rate limit), and the {@code token} of each index in order ({@code null} where the claim failed, or where the
 * server gave none: {@code --auth none}). Per generator process, summed by the one {@link #sum}.
 */
public record Claimed(int ok, int failed, int refused, long millis, String firstError, List<String> tokens) {

  /** The parts in index order, added up; {@code millis} is the longest, as they ran at the same time. */
  public static Claimed sum(Iterable<Claimed> parts) {
    int ok = 0;
    int failed = 0;
    int refused = 0;
    long millis = 0;
    String firstError = null;
    List<String> tokens = new ArrayList<>();
    for (Claimed c : parts) {
      ok += c.ok;
      failed += c.failed;
      refused += c.refused;
      millis = Math.max(millis, c.millis);
      firstError = firstError != null ? firstError : c.firstError;
      tokens.addAll(c.tokens);
    }
    return new Claimed(ok, failed, refused, millis, firstError, Collections.unmodifiableList(tokens));
  }

  public Claimed withMillis(long millis) {
    return new Claimed(ok, failed, refused, millis, firstError, tokens);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ok", ok).put("failed", failed).put("refused", refused).put("millis", millis).put("firstError", firstError)
      .put("tokens", new JsonArray(new ArrayList<>(tokens)));
  }

  public static Claimed fromJson(JsonObject json) {
    List<String> tokens = new ArrayList<>();
    json.getJsonArray("tokens", new JsonArray()).forEach(t -> tokens.add((String) t));
    return new Claimed(json.getInteger("ok"), json.getInteger("failed"), json.getInteger("refused", 0),
      json.getLong("millis", 0L),
      json.getString("firstError"), Collections.unmodifiableList(tokens));
  }
}
