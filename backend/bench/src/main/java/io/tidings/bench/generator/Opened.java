package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * How an open went: {@code failed} streams not opened, of which {@code refused} answered 429 (a rate
 * limit or a cap); per stream shard, summed per generator process, sent to the controller as
 * JSON and summed again over the processes, by the one {@link #sum}.
 */
public record Opened(int ok, int failed, int refused, long millis, String firstError) {

  /** The parts added up; {@code millis} is the longest, as they ran at the same time. */
  public static Opened sum(Iterable<Opened> parts) {
    int ok = 0;
    int failed = 0;
    int refused = 0;
    long millis = 0;
    String firstError = null;
    for (Opened o : parts) {
      ok += o.ok;
      failed += o.failed;
      refused += o.refused;
      millis = Math.max(millis, o.millis);
      firstError = firstError != null ? firstError : o.firstError;
    }
    return new Opened(ok, failed, refused, millis, firstError);
  }

  public Opened withMillis(long millis) {
    return new Opened(ok, failed, refused, millis, firstError);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ok", ok).put("failed", failed).put("refused", refused).put("millis", millis).put("firstError", firstError);
  }

  public static Opened fromJson(JsonObject json) {
    return new Opened(json.getInteger("ok"), json.getInteger("failed"), json.getInteger("refused", 0),
      json.getLong("millis", 0L),
      json.getString("firstError"));
  }
}
