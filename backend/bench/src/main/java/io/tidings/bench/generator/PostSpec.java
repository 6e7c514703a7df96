package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * Which POSTs to send: to {@code uri}, each body {@code bodyTemplate} with {@link #MARKER} replaced
 * by {@code bench:<System.nanoTime()>;} and {@link #RECIPIENT} by a random index in
 * {@code [0, recipients)}, {@link #CALLER} by the sending connection's caller (see {@link Callers}),
 * and {@link #SEQUENCE} by the request's number: {@code sequenceStart},
 * then every {@code sequenceStride}th after it (so that shares sent by several processes never
 * repeat one). At {@code rate} a second when it is above zero, else closed-loop: each
 * of the {@code connections} sends its next POST as soon as the last is answered.
 */
public record PostSpec(String host, int port, String uri, String contentType, String bodyTemplate, int recipients,
                       double rate, int connections, double seconds, String localAddress, long seed,
                       long sequenceStart, int sequenceStride, Callers callers) {

  public static final String MARKER = "{marker}";
  public static final String RECIPIENT = "{to}";
  public static final String SEQUENCE = "{n}";
  public static final String CALLER = "{caller}";

  public PostSpec(String host, int port, String uri, String contentType, String bodyTemplate, int recipients,
                  double rate, int connections, double seconds, String localAddress, long seed) {
    this(host, port, uri, contentType, bodyTemplate, recipients, rate, connections, seconds, localAddress, seed, 0, 1,
      Callers.NONE);
  }

  public boolean closedLoop() {
    return rate <= 0;
  }

  /** This spec's share when {@code parts} processes send it together; its connections' callers follow the last share's. */
  public PostSpec share(int part, int parts) {
    int conns = connections / parts + (part < connections % parts ? 1 : 0);
    int before = part * (connections / parts) + Math.min(part, connections % parts);
    return new PostSpec(host, port, uri, contentType, bodyTemplate, recipients, rate / parts, Math.max(1, conns),
      seconds, localAddress, seed + part, sequenceStart + (long) part * sequenceStride, sequenceStride * parts,
      callers.startingAt(callers.first() + before));
  }

  public PostSpec withLocalAddress(String address) {
    return new PostSpec(host, port, uri, contentType, bodyTemplate, recipients, rate, connections, seconds, address,
      seed, sequenceStart, sequenceStride, callers);
  }

  public PostSpec withCallers(Callers callers) {
    return new PostSpec(host, port, uri, contentType, bodyTemplate, recipients, rate, connections, seconds, localAddress,
      seed, sequenceStart, sequenceStride, callers);
  }

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("uri", uri).put("contentType", contentType)
      .put("body", bodyTemplate).put("recipients", recipients).put("rate", rate).put("connections", connections)
      .put("seconds", seconds).put("localAddress", localAddress).put("seed", seed)
      .put("sequenceStart", sequenceStart).put("sequenceStride", sequenceStride).put("callers", callers.toJson());
  }

  public static PostSpec fromJson(JsonObject json) {
    return new PostSpec(json.getString("host"), json.getInteger("port"), json.getString("uri"),
      json.getString("contentType"), json.getString("body"), json.getInteger("recipients", 0),
      json.getDouble("rate", 0.0), json.getInteger("connections", 128), json.getDouble("seconds"),
      json.getString("localAddress"), json.getLong("seed", 42L), json.getLong("sequenceStart", 0L),
      json.getInteger("sequenceStride", 1), Callers.fromJson(json.getJsonObject("callers")));
  }
}
