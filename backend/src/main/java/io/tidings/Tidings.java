package io.tidings;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidings.config.TidingsOptions;
import io.tidings.demo.StatusDemoVerticle;
import io.tidings.http.HttpVerticle;
import io.tidings.message.MessageIds;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.concurrent.atomic.AtomicInteger;

/** A running Tidings node: its Vert.x instance, its shared services and its verticles. */
public final class Tidings {

  private final Vertx vertx;
  private final Presence presence;
  private final int port;

  private Tidings(Vertx vertx, Presence presence, int port) {
    this.vertx = vertx;
    this.presence = presence;
    this.port = port;
  }

  /** Starts a node with metrics on; completes once it listens. */
  public static Future<Tidings> start(TidingsOptions options) {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      // one address per user would make one time series per user: fold them into one
      .addLabelMatch(new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel("address")
        .setType(MatchType.REGEX).setValue("tidings\\.user\\..*").setAlias("tidings.user.*"));
    Vertx vertx = Vertx.builder()
      .with(new VertxOptions().setMetricsOptions(metricsOptions))
      .withMetrics(new MicrometerMetricsFactory(meters))
      .build();
    TidingsMetrics metrics = new TidingsMetrics(meters);
    Presence presence = Presence.local(vertx, options.getPresenceIntervalMillis());
    MessageIds ids = new MessageIds();
    return deployHttp(vertx, options, presence, ids, metrics, meters)
      .compose(port -> options.isDemoStatus()
        ? vertx.deployVerticle(new StatusDemoVerticle(options.getDemoStatusSeconds(), metrics, presence)).map(port)
        : Future.succeededFuture(port))
      .map(port -> new Tidings(vertx, presence, port))
      .recover(err -> vertx.close().transform(v -> Future.failedFuture(err)));
  }

  /**
   * Deploys one instance first, so that with port 0 the others share the port it was given.
   */
  private static Future<Integer> deployHttp(Vertx vertx, TidingsOptions options, Presence presence, MessageIds ids,
                                            TidingsMetrics metrics, PrometheusMeterRegistry meters) {
    HttpVerticle first = new HttpVerticle(options, presence, ids, metrics, meters);
    int others = options.effectiveInstances() - 1;
    return vertx.deployVerticle(first).compose(id -> {
      int port = first.actualPort();
      if (others == 0) {
        return Future.succeededFuture(port);
      }
      TidingsOptions samePort = new TidingsOptions(options).setPort(port);
      return vertx.deployVerticle(() -> new HttpVerticle(samePort, presence, ids, metrics, meters),
        new DeploymentOptions().setInstances(others)).map(port);
    });
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Closes every stream and the server; the streams' browsers reconnect elsewhere. */
  public Future<Void> close() {
    presence.close();
    return vertx.close();
  }
}
