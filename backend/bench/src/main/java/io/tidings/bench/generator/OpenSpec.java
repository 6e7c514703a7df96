package io.tidings.bench.generator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Which streams to open: {@code uriTemplate} with {@link #INDEX} replaced by each index in
 * {@code [from, to)} and {@link #TOKEN} by that index's credential, {@code tokens[index - from]}
 * (given already encoded for a query string), from {@code localAddress} and the loopback addresses
 * after it (or from any address when {@code null}).
 * A {@code tracked} stream keeps, across its connections, its last event id and the set of
 * benchmark messages it received (see {@link Catchup}); opened with {@code resume}, it sends that id
 * as {@code Last-Event-ID}, as an EventSource reconnecting does. A tracked open without
 * {@code resume} starts its streams' tracks afresh.
 */
public record OpenSpec(String host, int port, String uriTemplate, int from, int to, String localAddress,
                       int concurrency, int timeoutMillis, boolean tracked, boolean resume, List<String> tokens) {

  public static final String INDEX = "{i}";
  public static final String TOKEN = "{token}";

  public OpenSpec {
    if (!tokens.isEmpty() && tokens.size() != to - from) {
      throw new IllegalArgumentException(tokens.size() + " tokens for " + (to - from) + " streams");
    }
  }

  public OpenSpec(String host, int port, String uriTemplate, int from, int to, String localAddress, int concurrency,
                  int timeoutMillis) {
    this(host, port, uriTemplate, from, to, localAddress, concurrency, timeoutMillis, false, false, List.of());
  }

  public OpenSpec withConcurrency(int concurrency) {
    return new OpenSpec(host, port, uriTemplate, from, to, localAddress, concurrency, timeoutMillis, tracked, resume,
      tokens);
  }

  /** The request URI of stream {@code index}. */
  public String uri(int index) {
    String uri = uriTemplate.replace(INDEX, Integer.toString(index));
    if (uri.contains(TOKEN)) {
      if (tokens.isEmpty()) {
        throw new IllegalStateException("the URI takes a token, but none was given: " + uriTemplate);
      }
      uri = uri.replace(TOKEN, tokens.get(index - from));
    }
    return uri;
  }

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("uri", uriTemplate).put("from", from)
      .put("to", to).put("localAddress", localAddress).put("concurrency", concurrency)
      .put("timeoutMillis", timeoutMillis).put("tracked", tracked).put("resume", resume)
      .put("tokens", new JsonArray(new ArrayList<>(tokens)));
  }

  public static OpenSpec fromJson(JsonObject json) {
    List<String> tokens = new ArrayList<>();
    json.getJsonArray("tokens", new JsonArray()).forEach(t -> tokens.add((String) t));
    return new OpenSpec(json.getString("host"), json.getInteger("port"), json.getString("uri"),
      json.getInteger("from"), json.getInteger("to"), json.getString("localAddress"),
      json.getInteger("concurrency", 256), json.getInteger("timeoutMillis", 60_000),
      json.getBoolean("tracked", false), json.getBoolean("resume", false), tokens);
  }
}
