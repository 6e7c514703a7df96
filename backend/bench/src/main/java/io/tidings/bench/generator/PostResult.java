package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * How a run of POSTs went: {@code ok} answered 2xx, {@code failed} anything else or no answer, over
 * {@code seconds}. Per sender, summed over the generator processes by the one {@link #sum}.
 */
public record PostResult(long ok, long failed, double seconds) {

  public double perSecond() {
    return seconds > 0 ? ok / seconds : 0;
  }

  /** The parts added up; {@code seconds} is the longest, as they ran at the same time. */
  public static PostResult sum(Iterable<PostResult> parts) {
    long ok = 0;
    long failed = 0;
    double seconds = 0;
    for (PostResult p : parts) {
      ok += p.ok;
      failed += p.failed;
      seconds = Math.max(seconds, p.seconds);
    }
    return new PostResult(ok, failed, seconds);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ok", ok).put("failed", failed).put("seconds", seconds);
  }

  public static PostResult fromJson(JsonObject json) {
    return new PostResult(json.getLong("ok"), json.getLong("failed"), json.getDouble("seconds"));
  }
}
