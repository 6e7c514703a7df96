package io.tidings.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

import java.util.List;
import java.util.Set;

/**
 * Folds every HTTP method outside the standard set into {@code method="other"} on Vert.x's HTTP
 * meters. Vert.x labels them with the method as sent, so a client inventing {@code FOO1},
 * {@code FOO2}, ... would add series to the registry without end.
 */
public final class StandardHttpMethods implements MeterFilter {

  static final String OTHER = "other";
  private static final String METHOD_TAG = "method";
  private static final Set<String> STANDARD =
    Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  @Override
  public Meter.Id map(Meter.Id id) {
    String method = id.getTag(METHOD_TAG);
    if (method == null || STANDARD.contains(method) || !id.getName().startsWith("vertx.http.")) {
      return id;
    }
    List<Tag> tags = id.getTags().stream()
      .map(tag -> tag.getKey().equals(METHOD_TAG) ? Tag.of(METHOD_TAG, OTHER) : tag)
      .toList();
    return id.replaceTags(tags);
  }
}
