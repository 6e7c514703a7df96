package io.tidings.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one value out of the Prometheus text that {@code GET /metrics} serves. */
public final class Metrics {

  private Metrics() {
  }

  /** @param series the series as printed, e.g. {@code vertx_eventbus_handlers{address="tidings.user.*"}} */
  public static double value(TestNode node, String series) {
    return valueIn(node.get("/metrics").bodyAsString(), series);
  }

  /** The same, read from the node's internal port. */
  public static double internalValue(TestNode node, String series) {
    return valueIn(node.getInternal("/metrics").bodyAsString(), series);
  }

  private static double valueIn(String text, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }
}
