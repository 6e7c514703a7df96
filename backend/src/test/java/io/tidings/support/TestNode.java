package io.tidings.support;

import io.tidings.Tidings;
import io.tidings.config.IdentityOptions;
import io.tidings.config.RateLimitOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.identity.AuthMode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A real Tidings node on a free loopback port, and clients of it running on their own Vert.x
 * instance, as a browser would be. Close it in {@code @AfterEach}/{@code @AfterAll}.
 */
public final class TestNode implements AutoCloseable {

  private final Tidings tidings;
  private final Vertx clientVertx;
  private final HttpClient streams;
  private final WebClient web;

  private TestNode(Tidings tidings) {
    this.tidings = tidings;
    this.clientVertx = Vertx.vertx();
    this.streams = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
      new PoolOptions().setHttp1MaxSize(5000));
    this.web = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(tidings.port()));
  }

  public static TestNode start() {
    return start(new TidingsOptions());
  }

  /**
   * Starts in open mode ({@code --auth none}) without rate limits: for tests of everything but
   * identity and limits, which use {@link #startAsConfigured}. Loopback, a free port, one HTTP
   * instance unless the options say otherwise.
   */
  public static TestNode start(TidingsOptions options) {
    return startAsConfigured(new TidingsOptions(options)
      .setIdentity(new IdentityOptions(options.getIdentity()).setMode(AuthMode.NONE))
      .setRateLimits(RateLimitOptions.unlimited()));
  }

  /** Starts with the options' own identity mode and limits (the default: nickname, with limits). */
  public static TestNode startAsConfigured(TidingsOptions options) {
    TidingsOptions local = new TidingsOptions(options).setHost("127.0.0.1").setPort(0);
    if (options.getInstances() == TidingsOptions.DEFAULT_INSTANCES) {
      local.setInstances(1);
    }
    return new TestNode(Await.result(Tidings.start(local)));
  }

  public int port() {
    return tidings.port();
  }

  public Tidings tidings() {
    return tidings;
  }

  public WebClient web() {
    return web;
  }

  /** Opens a stream for the user and waits until it is subscribed (its {@code welcome} event). */
  public EventStream connect(String user) {
    return EventStream.connect(streams, port(), user);
  }

  /** Opens {@code GET pathAndQuery} as an event stream without waiting for any event. */
  public EventStream open(String pathAndQuery) {
    return EventStream.open(streams, port(), pathAndQuery);
  }

  /** Opens a stream with a {@code Last-Event-ID} header and waits for its welcome. */
  public EventStream resume(String user, String lastEventId) {
    return EventStream.resume(streams, port(), user, lastEventId);
  }

  /** Opens a stream without waiting, for tests that open many at once. */
  public io.vertx.core.Future<EventStream> openAsync(String pathAndQuery) {
    return EventStream.openAsync(streams, port(), pathAndQuery);
  }

  public HttpResponse<Buffer> post(JsonObject message) {
    return Await.result(web.post("/sse/message").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(message.encode())));
  }

  public HttpResponse<Buffer> postRaw(String contentType, String body) {
    var request = web.post("/sse/message");
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return Await.result(request.sendBuffer(Buffer.buffer(body)));
  }

  public HttpResponse<Buffer> get(String pathAndQuery) {
    return Await.result(web.get(pathAndQuery).send());
  }

  /** {@code GET} on the node's internal port (health and metrics), which must be separate. */
  public HttpResponse<Buffer> getInternal(String pathAndQuery) {
    if (tidings.internalPort() < 0) {
      throw new IllegalStateException("the node has no internal port");
    }
    return Await.result(web.get(tidings.internalPort(), "127.0.0.1", pathAndQuery).send());
  }

  /** Posts a message and fails the test unless it was accepted; returns its id. */
  public String send(String user, String message, String to) {
    HttpResponse<Buffer> response = post(new JsonObject().put("user", user).put("message", message).put("to", to));
    if (response.statusCode() != 200) {
      throw new AssertionError("message refused: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("id");
  }

  /** {@code POST /api/session {"user"}}: claims a name (nickname mode). */
  public HttpResponse<Buffer> claim(String user) {
    return Await.result(web.post("/api/session").putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("user", user).encode())));
  }

  /** Claims a name and fails the test unless it was granted; returns the session token. */
  public String token(String user) {
    HttpResponse<Buffer> response = claim(user);
    if (response.statusCode() != 200) {
      throw new AssertionError("claim refused: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("token");
  }

  /** Opens {@code GET pathAndQuery} with a bearer token, without waiting for any event. */
  public EventStream openAs(String token, String pathAndQuery) {
    return Await.result(EventStream.openAsync(streams, port(), pathAndQuery, null, token));
  }

  /** Opens a stream with a bearer token and a {@code Last-Event-ID}, and waits for its welcome. */
  public EventStream resumeAs(String token, String lastEventId) {
    return Await.result(EventStream.openAsync(streams, port(), "/sse?presence=false", lastEventId, token)).awaitWelcome();
  }

  /** {@code POST /sse/message} with a bearer token. */
  public HttpResponse<Buffer> postAs(String token, JsonObject message) {
    return Await.result(web.post("/sse/message").putHeader("Content-Type", "application/json")
      .putHeader("Authorization", "Bearer " + token).sendBuffer(Buffer.buffer(message.encode())));
  }

  @Override
  public void close() {
    try {
      Await.result(clientVertx.close());
    } finally {
      Await.result(tidings.close());
    }
  }
}
