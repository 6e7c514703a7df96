package io.tidings.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidings.config.TidingsOptions;
import io.tidings.connections.ConnectionRegistry;
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
import io.vertx.ext.web.handler.StaticHandler;
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
  private ConnectionRegistry registry;
  private HttpServer server;

  public HttpVerticle(TidingsOptions options, Presence presence, MessageIds ids, TidingsMetrics metrics,
                      MeterRegistry meterRegistry, Readiness readiness) {
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
        .setStrictThreadMode(true), options);
    server = HttpEdge.installOn(vertx.createHttpServer(serverOptions), serverOptions, options)
      .requestHandler(router());
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
    ErrorReply.installOn(router, options.getMaxBodyBytes());
    if (!options.getCorsOrigins().isEmpty()) {
      router.route().handler(CorsHandler.create()
        .addOrigins(options.getCorsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
        .allowedHeaders(Set.of("Content-Type", "Last-Event-ID", "Authorization")));
    }
    router.get("/sse").handler(new StreamHandler(registry, readiness, options.getRetryMillis(),
      options.getStreamQueueBytes()));
    router.post("/sse/message")
      .handler(BodyHandler.create(false).setBodyLimit(options.getMaxBodyBytes()))
      .handler(new JsonContentType())
      .handler(new MessageHandler(vertx.eventBus(), presence, ids, metrics, options.getMaxMessageLength()));
    router.get("/api/online").handler(new OnlineHandler(presence));
    router.get("/health").handler(new HealthHandler(metrics, presence, readiness));
    if (meterRegistry instanceof PrometheusMeterRegistry prometheus) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    }
    // the page: index.html and Vite's assets only, so a wrong method on an API path stays a 405
    StaticHandler page = StaticHandler.create("webroot");
    router.get("/").handler(page);
    router.get("/index.html").handler(page);
    // StaticHandler resolves a wildcard route's files relative to the route's prefix
    router.get("/assets/*").handler(StaticHandler.create("webroot/assets"));
    return router;
  }
}
