package io.tidings.http;

import io.tidings.NodeServices;
import io.tidings.config.HistoryOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.config.TlsOptions;
import io.tidings.connections.ConnectionRegistry;
import io.tidings.connections.NodeLimits;
import io.tidings.connections.RegistryOptions;
import io.tidings.http.edge.HttpEdge;
import io.tidings.hub.Feeds;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.sse.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One HTTP server instance: wires the routes to their handlers and owns this instance's
 * {@link ConnectionRegistry}. Several instances share the port, one per event loop.
 */
public final class HttpVerticle extends VerticleBase {

  private final NodeServices node;
  private final TidingsOptions options;
  private final TidingsMetrics metrics;
  private final NodeLimits limits;
  private ConnectionRegistry registry;
  private HttpServer server;

  public HttpVerticle(NodeServices node, TidingsOptions options) {
    this.node = node;
    this.options = options;
    this.metrics = node.metrics();
    this.limits = node.limits();
  }

  @Override
  public Future<?> start() {
    StreamWriter writer = new StreamWriter(vertx, context, metrics);
    Feeds feeds = new Feeds(vertx, node.hub(), writer, metrics);
    registry = new ConnectionRegistry(vertx, node.presence(), metrics,
      new RegistryOptions(options.getHeartbeatSeconds() * 1000L, options.getPresenceSnapshotLimit()), writer, feeds);
    HttpServerOptions serverOptions = HttpEdge.configure(new HttpServerOptions().setHost(options.getHost())
        .setPort(options.getPort())
        // every write to a connection happens on its own event loop (handlers, bus consumers, timers, drain);
        // saying so spares each connection Vert.x's cross-thread outbound queue, about 4 KiB of heap per stream
        .setStrictThreadMode(true)
        .setHttp2ClearTextEnabled(options.isH2c()), options);
    TlsOptions tls = options.getTls();
    if (tls.isEnabled()) {
      // ALPN offers Vert.x's default list, h2 then http/1.1: browsers multiplex, other clients still connect
      serverOptions.setSsl(true).setUseAlpn(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.getCertFile()).setKeyPath(tls.getKeyFile()));
    }
    ConnectionGate gate = new ConnectionGate(vertx, limits.connections());
    server = HttpEdge.installOn(vertx.createHttpServer(serverOptions), serverOptions, options, gate)
      .requestHandler(gate.guard(router()));
    return feeds.start().compose(v -> registry.start()).compose(v -> server.listen());
  }

  @Override
  public Future<?> stop() {
    return server.close().eventually(() -> registry.stop());
  }

  /** Tells this instance's streams to reconnect elsewhere; completes once they are ended. */
  public Future<Void> drain() {
    Promise<Void> drained = Promise.promise();
    // the registry belongs to this instance's event loop
    context.runOnContext(v -> {
      registry.drain();
      drained.complete();
    });
    return drained.future();
  }

  /** The port this instance listens on (the chosen one when configured with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** What every JSON body goes through, before the body is read so one that trickles in or never ends is cut off. */
  private Route withJsonBody(Route route, OriginCheck sameOrigin) {
    return route.handler(TimeoutHandler.create(options.getBodyTimeoutSeconds() * 1000L, 408))
      .handler(sameOrigin)
      .handler(BodyHandler.create(false).setBodyLimit(options.getMaxBodyBytes()))
      .handler(new JsonContentType());
  }

  /** The origins allowed to act: the configured ones, and those allowed cross-site reads too. */
  private List<String> allowedOrigins() {
    List<String> allowed = new ArrayList<>(options.getIdentity().getAllowedOrigins());
    allowed.addAll(options.getCorsOrigins());
    return allowed;
  }

  private Router router() {
    Router router = Router.router(vertx);
    ErrorReply.installOn(router, options.getMaxBodyBytes(), options.getBodyTimeoutSeconds());
    SecurityHeaders.installOn(router, options.getTls().isEnabled());
    if (!options.getCorsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create()
        .addOrigins(options.getCorsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Content-Type", "Last-Event-ID", "Authorization")));
    }
    // after CORS, so a cross-site caller can read why its request was refused
    router.route().handler(new StrictUriEncoding());
    Authenticate authenticate = new Authenticate(node.identity());
    OriginCheck sameOrigin = new OriginCheck(allowedOrigins());
    // HEAD wherever GET: a monitor or proxy may probe with it
    router.route("/sse").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(authenticate)
      .handler(new StreamHandler(registry, node.readiness(), limits, metrics, options.getRetryMillis(),
        options.getStreamQueueBytes(), HistoryOptions.MAX_HISTORY_REQUEST, node.rateLimits(), node.names()));
    withJsonBody(router.post("/sse/message"), sameOrigin)
      .handler(authenticate)
      .handler(new MessageHandler(node.hub(), node.presence(), node.ids(), metrics, options.getMaxMessageLength(),
        node.rateLimits()));
    SessionHandler sessions = new SessionHandler(node.identity(), options.getIdentity().getSessionSeconds(),
      node.rateLimits());
    withJsonBody(router.post("/api/session"), sameOrigin).handler(sessions::claim);
    router.get("/api/session").handler(sessions::answerAnonymous).handler(authenticate).handler(sessions::describe);
    router.delete("/api/session").handler(sameOrigin).handler(authenticate).handler(sessions::logout);
    withJsonBody(router.post("/api/notify"), sameOrigin).handler(authenticate)
      .handler(new NotifyHandler(node.hub()));
    router.route("/api/online").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(new OnlineHandler(node.presence()));
    if (!options.getInternalPort().isSeparate()) {
      OperationsVerticle.routeOn(router, node);
    }
    Page.routeOn(router);
    return router;
  }
}
