package io.tidings.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.List;

/** Browsers and backends talking to nodes on any loopback port (for clusters of node processes). */
public final class Clients implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient streams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
    new PoolOptions().setHttp1MaxSize(5000));
  private final WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
    .setKeepAlive(false).setConnectTimeout(2000));

  public EventStream connect(int port, String user) {
    return EventStream.connect(streams, port, user);
  }

  public HttpResponse<Buffer> post(int port, JsonObject message) {
    return Await.result(web.post(port, "127.0.0.1", "/sse/message").timeout(10_000)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(message.encode())));
  }

  /** Posts a message and fails the test unless it was accepted; returns its id. */
  public String send(int port, String user, String message, String to) {
    HttpResponse<Buffer> response = post(port, new JsonObject().put("user", user).put("message", message).put("to", to));
    if (response.statusCode() != 200) {
      throw new AssertionError("message refused by :" + port + ": " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("id");
  }

  public HttpResponse<Buffer> get(int port, String pathAndQuery) {
    return Await.result(web.get(port, "127.0.0.1", pathAndQuery).timeout(10_000).send());
  }

  public List<String> online(int port) {
    return get(port, "/api/online?limit=1000").bodyAsJsonObject().getJsonArray("users").stream()
      .map(String.class::cast).toList();
  }

  /** Waits until every node lists exactly these users, in name order. */
  public void awaitOnlineEverywhere(List<String> users, Duration timeout, int... ports) {
    Await.until("every node lists " + users, () -> {
      for (int port : ports) {
        if (!online(port).equals(users)) {
          return false;
        }
      }
      return true;
    }, timeout);
  }

  /** {@code POST /api/session {"user"}} on a node (nickname mode). */
  public HttpResponse<Buffer> claim(int port, String user) {
    return Await.result(web.post(port, "127.0.0.1", "/api/session").timeout(10_000)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(new JsonObject().put("user", user).encode())));
  }

  /** Opens a stream on a node with a bearer token and waits for its welcome. */
  public EventStream connectAs(int port, String token) {
    return Await.result(EventStream.openAsync(streams, port, "/sse", null, token)).awaitWelcome();
  }

  /** Opens a stream on a node with a bearer token, without waiting for any event. */
  public EventStream openAs(int port, String token, String pathAndQuery) {
    return Await.result(EventStream.openAsync(streams, port, pathAndQuery, null, token));
  }

  /** {@code DELETE /api/session} on a node with a bearer token. */
  public HttpResponse<Buffer> logout(int port, String token) {
    return Await.result(web.delete(port, "127.0.0.1", "/api/session").timeout(10_000)
      .putHeader("Authorization", "Bearer " + token).send());
  }

  /** {@code POST /sse/message} on a node with a bearer token. */
  public HttpResponse<Buffer> postAs(int port, String token, JsonObject message) {
    return Await.result(web.post(port, "127.0.0.1", "/sse/message").timeout(10_000)
      .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + token)
      .sendBuffer(Buffer.buffer(message.encode())));
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
