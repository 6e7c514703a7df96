package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * Which streams to open: {@code uriTemplate} with {@code {i}} replaced by each index in
 * {@code [from, to)}, from {@code localAddress} and the loopback addresses after it (or from any address when {@code null}).
 */
public record OpenSpec(String host, int port, String uriTemplate, int from, int to, String localAddress,
                       int concurrency, int timeoutMillis) {

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("uri", uriTemplate).put("from", from)
      .put("to", to).put("localAddress", localAddress).put("concurrency", concurrency)
      .put("timeoutMillis", timeoutMillis);
  }

  public static OpenSpec fromJson(JsonObject json) {
    return new OpenSpec(json.getString("host"), json.getInteger("port"), json.getString("uri"),
      json.getInteger("from"), json.getInteger("to"), json.getString("localAddress"),
      json.getInteger("concurrency", 256), json.getInteger("timeoutMillis", 60_000));
  }
}
