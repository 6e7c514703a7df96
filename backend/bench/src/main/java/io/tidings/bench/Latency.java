package io.tidings.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** Latency percentiles of a histogram in microseconds, as milliseconds for the results. */
final class Latency {

  private Latency() {
  }

  static JsonObject toJson(Histogram micros) {
    return new JsonObject()
      .put("count", micros.getTotalCount())
      .put("p50Ms", ms(micros.getValueAtPercentile(50)))
      .put("p99Ms", ms(micros.getValueAtPercentile(99)))
      .put("p999Ms", ms(micros.getValueAtPercentile(99.9)))
      .put("maxMs", ms(micros.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
