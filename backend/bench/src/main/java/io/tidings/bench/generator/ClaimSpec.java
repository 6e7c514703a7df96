package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * Which sessions to claim: {@code POST uri} with the body {@code bodyTemplate} (JSON), its
 * {@link OpenSpec#INDEX} replaced by each index in {@code [from, to)}, over at most
 * {@code concurrency} keep-alive connections, each from its own loopback address after
 * {@code localAddress} (or from any address when {@code null}), as many browsers would.
 */
public record ClaimSpec(String host, int port, String uri, String bodyTemplate, int from, int to, String localAddress,
                        int concurrency, int timeoutMillis) {

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("uri", uri).put("body", bodyTemplate)
      .put("from", from).put("to", to).put("localAddress", localAddress).put("concurrency", concurrency)
      .put("timeoutMillis", timeoutMillis);
  }

  public static ClaimSpec fromJson(JsonObject json) {
    return new ClaimSpec(json.getString("host"), json.getInteger("port"), json.getString("uri"),
      json.getString("body"), json.getInteger("from"), json.getInteger("to"), json.getString("localAddress"),
      json.getInteger("concurrency", 64), json.getInteger("timeoutMillis", 60_000));
  }
}
