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
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
      // consumers per address show leaks; one address per user would make one series per user: fold them
      .addLabels(Label.EB_ADDRESS)
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
      .recover(err -> {
        // report the cause at once: a callback on the closing instance's event loop would never run
        vertx.close();
        return Future.failedFuture(err);
      });
  }

  /**
   * Deploys the HTTP instances in one deployment; Vert.x shares the port among them. Vert.x 5
   * binds port 0 separately for each instance, so with several instances a free port is chosen first.
   */
  private static Future<Integer> deployHttp(Vertx vertx, TidingsOptions options, Presence presence, MessageIds ids,
                                            TidingsMetrics metrics, PrometheusMeterRegistry meters) {
    TidingsOptions shared = new TidingsOptions(options);
    if (options.getPort() == 0 && options.effectiveInstances() > 1) {
      try {
        shared.setPort(freePort(options.getHost()));
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    }
    List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      HttpVerticle instance = new HttpVerticle(shared, presence, ids, metrics, meters);
      instances.add(instance);
      return instance;
    }, new DeploymentOptions().setInstances(options.effectiveInstances())).map(id -> instances.get(0).actualPort());
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
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
