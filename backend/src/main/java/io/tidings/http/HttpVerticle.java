package io.tidings.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidings.config.TidingsOptions;
import io.tidings.connections.ConnectionRegistry;
import io.tidings.connections.NodeLimits;
import io.tidings.connections.RegistryOptions;
import io.tidings.http.edge.HttpEdge;
import io.tidings.message.MessageIds;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Set;

/**
 * One HTTP server instance: wires the routes to their handlers and owns this instance's
 * {@link ConnectionRegistry}. Several instances share the port, one per event loop.
 */
public final class HttpVerticle extends VerticleBase {

  private final TidingsOptions options;
  private final Presence presence;
  private final MessageIds ids;
  private final TidingsMetrics metrics;
  private final MeterRegistry meterRegistry;
  private final Readiness readiness;
  private final NodeLimits limits;
  private ConnectionRegistry registry;
  private HttpServer server;

  public HttpVerticle(TidingsOptions options, Presence presence, MessageIds ids, TidingsMetrics metrics,
                      MeterRegistry meterRegistry, Readiness readiness, NodeLimits limits) {
    this.limits = limits;
    this.readiness = readiness;
    this.options = options;
    this.presence = presence;
    this.ids = ids;
    this.metrics = metrics;
    this.meterRegistry = meterRegistry;
  }

  @Override
  public Future<?> start() {
    registry = new ConnectionRegistry(vertx, presence, metrics,
      new RegistryOptions(options.getHeartbeatSeconds() * 1000L, options.getPresenceSnapshotLimit()));
    HttpServerOptions serverOptions = HttpEdge.configure(new HttpServerOptions().setHost(options.getHost())
        .setPort(options.getPort())
        // every write to a connection happens on its own event loop (handlers, bus consumers, timers, drain);
        // saying so spares each connection Vert.x's cross-thread outbound queue, about 4 KiB of heap per stream
        .setStrictThreadMode(true)
        .setHttp2ClearTextEnabled(options.isH2c()), options);
    ConnectionGate gate = new ConnectionGate(vertx, limits.connections());
    server = HttpEdge.installOn(vertx.createHttpServer(serverOptions), serverOptions, options, gate)
      .requestHandler(gate.guard(router()));
    return registry.start().compose(v -> server.listen());
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

  private Router router() {
    Router router = Router.router(vertx);
    ErrorReply.installOn(router, options.getMaxBodyBytes(), options.getBodyTimeoutSeconds());
    if (!options.getCorsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create()
        .addOrigins(options.getCorsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
        .allowedHeaders(Set.of("Content-Type", "Last-Event-ID", "Authorization")));
    }
    // after CORS, so a cross-site caller can read why its request was refused
    router.route().handler(new StrictUriEncoding());
    // HEAD wherever GET: a monitor or proxy may probe with it
    router.route("/sse").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(new StreamHandler(registry, readiness, limits.streams(), metrics,
      options.getRetryMillis(), options.getStreamQueueBytes()));
    router.post("/sse/message")
      // before the body is read, so a body that trickles in or never ends is cut off
      .handler(TimeoutHandler.create(options.getBodyTimeoutSeconds() * 1000L, 408))
      .handler(BodyHandler.create(false).setBodyLimit(options.getMaxBodyBytes()))
      .handler(new JsonContentType())
      .handler(new MessageHandler(vertx.eventBus(), presence, ids, metrics, options.getMaxMessageLength()));
    router.route("/api/online").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(new OnlineHandler(presence));
    router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(new HealthHandler(metrics, presence, readiness));
    if (meterRegistry instanceof PrometheusMeterRegistry prometheus) {
      router.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(PrometheusScrapingHandler.create(prometheus));
    }
    Page.routeOn(router);
    return router;
  }
}
