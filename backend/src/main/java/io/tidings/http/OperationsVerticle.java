package io.tidings.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidings.NodeServices;
import io.tidings.config.InternalPortOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.http.edge.HttpEdge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The operations endpoints, {@code /health} and {@code /metrics}: on the internal port when it is
 * separate (this verticle, once per node), else on the public router ({@link #routeOn}).
 */
public final class OperationsVerticle extends VerticleBase {

  private final NodeServices node;
  private HttpServer server;

  public OperationsVerticle(NodeServices node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    TidingsOptions options = node.options();
    InternalPortOptions internal = options.getInternalPort();
    HttpServerOptions serverOptions = HttpEdge.configure(new HttpServerOptions()
      .setHost(internal.getHost()).setPort(internal.getPort()), options);
    Router router = Router.router(vertx);
    ErrorReply.installOn(router, options.getMaxBodyBytes(), options.getBodyTimeoutSeconds());
    SecurityHeaders.installOn(router, false);
    routeOn(router, node);
    // no ConnectionGate: a node at its connection cap must still answer its monitor
    server = HttpEdge.installOn(vertx.createHttpServer(serverOptions), serverOptions, options, connection -> { })
      .requestHandler(router);
    return server.listen();
  }

  /** The port it listens on (the chosen one when configured with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Health (which carries the drain: 503 while draining) and, with a Prometheus registry, metrics; HEAD wherever GET. */
  static void routeOn(Router router, NodeServices node) {
    router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(new HealthHandler(node.metrics(), node.presence(), node.readiness()));
    if (node.meters() instanceof PrometheusMeterRegistry prometheus) {
      router.route("/metrics").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(PrometheusScrapingHandler.create(prometheus));
    }
  }
}
