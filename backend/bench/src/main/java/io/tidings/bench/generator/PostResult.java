package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * How a run of POSTs went: {@code ok} answered 2xx, {@code failed} anything else or no answer, of
 * which {@code refused} answered 429 (a rate limit), over {@code seconds}. Per sender, summed over the generator processes by the one {@link #sum}.
 */
public record PostResult(long ok, long failed, long refused, double seconds) {

  public double perSecond() {
    return seconds > 0 ? ok / seconds : 0;
  }

  /** The parts added up; {@code seconds} is the longest, as they ran at the same time. */
  public static PostResult sum(Iterable<PostResult> parts) {
    long ok = 0;
    long failed = 0;
    long refused = 0;
    double seconds = 0;
    for (PostResult p : parts) {
      ok += p.ok;
      failed += p.failed;
      refused += p.refused;
      seconds = Math.max(seconds, p.seconds);
    }
    return new PostResult(ok, failed, refused, seconds);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ok", ok).put("failed", failed).put("refused", refused).put("seconds", seconds);
  }

  public static PostResult fromJson(JsonObject json) {
    return new PostResult(json.getLong("ok"), json.getLong("failed"), json.getLong("refused", 0L),
      json.getDouble("seconds"));
  }
}
