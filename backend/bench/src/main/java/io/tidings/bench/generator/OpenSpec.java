package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * Which streams to open: {@code uriTemplate} with {@code {i}} replaced by each index in
 * {@code [from, to)}, from {@code localAddress} and the loopback addresses after it (or from any address when {@code null}).
 * A {@code tracked} stream keeps, across its connections, its last event id and the set of
 * benchmark messages it received (see {@link Catchup}); opened with {@code resume}, it sends that id
 * as {@code Last-Event-ID}, as an EventSource reconnecting does. A tracked open without
 * {@code resume} starts its streams' tracks afresh.
 */
public record OpenSpec(String host, int port, String uriTemplate, int from, int to, String localAddress,
                       int concurrency, int timeoutMillis, boolean tracked, boolean resume) {

  public OpenSpec(String host, int port, String uriTemplate, int from, int to, String localAddress, int concurrency,
                  int timeoutMillis) {
    this(host, port, uriTemplate, from, to, localAddress, concurrency, timeoutMillis, false, false);
  }

  public OpenSpec withConcurrency(int concurrency) {
    return new OpenSpec(host, port, uriTemplate, from, to, localAddress, concurrency, timeoutMillis, tracked, resume);
  }

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("uri", uriTemplate).put("from", from)
      .put("to", to).put("localAddress", localAddress).put("concurrency", concurrency)
      .put("timeoutMillis", timeoutMillis).put("tracked", tracked).put("resume", resume);
  }

  public static OpenSpec fromJson(JsonObject json) {
    return new OpenSpec(json.getString("host"), json.getInteger("port"), json.getString("uri"),
      json.getInteger("from"), json.getInteger("to"), json.getString("localAddress"),
      json.getInteger("concurrency", 256), json.getInteger("timeoutMillis", 60_000),
      json.getBoolean("tracked", false), json.getBoolean("resume", false));
  }
}
