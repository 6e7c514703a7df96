package io.tidings;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidings.cluster.HazelcastSettings;
import io.tidings.cluster.Membership;
import io.tidings.config.ClusterOptions;
import io.tidings.config.InternalPortOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.connections.ConnectionCap;
import io.tidings.connections.NodeLimits;
import io.tidings.connections.StreamQuota;
import io.tidings.demo.StatusDemoVerticle;
import io.tidings.http.HttpVerticle;
import io.tidings.http.OperationsVerticle;
import io.tidings.http.Readiness;
import io.tidings.hub.Hub;
import io.tidings.hub.Ingress;
import io.tidings.identity.AuthMode;
import io.tidings.identity.Identity;
import io.tidings.identity.NameKeeper;
import io.tidings.identity.Sessions;
import io.tidings.ratelimit.RateLimiter;
import io.tidings.ratelimit.StreamsPerUser;
import io.tidings.ratelimit.impl.GridStreamsPerUser;
import io.tidings.ratelimit.RateLimits;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.tidings.message.MessageIds;
import io.tidings.metrics.StandardHttpMethods;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.tidings.presence.impl.ClusterPresence;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A running Tidings node: its Vert.x instance (clustered or not), its shared services and its verticles. */
public final class Tidings {

  private static final Logger LOG = LoggerFactory.getLogger(Tidings.class);

  private final Vertx vertx;
  private final NodeServices node;
  private final List<HttpVerticle> httpInstances;
  private final int port;
  private final int internalPort;

  private Tidings(Vertx vertx, NodeServices node, List<HttpVerticle> httpInstances, int port, int internalPort) {
    this.vertx = vertx;
    this.node = node;
    this.httpInstances = httpInstances;
    this.port = port;
    this.internalPort = internalPort;
  }

  /** Starts a node, joining the cluster when the options say so; completes once it listens. */
  public static Future<Tidings> start(TidingsOptions options) {
    try {
      options.checkTransport();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // before Vert.x registers any meter: a filter added later would not apply to those
    meters.config().meterFilter(new StandardHttpMethods());
    VertxOptions vertxOptions = new VertxOptions().setMetricsOptions(metricsOptions()).setPreferNativeTransport(true);
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(meters));
    ClusterOptions cluster = options.getCluster();
    if (!cluster.isEnabled()) {
      return startOn(builder.with(vertxOptions).build(), null, options, meters);
    }
    HazelcastClusterManager manager;
    try {
      manager = new HazelcastClusterManager(HazelcastSettings.build(cluster, options.getHistory()));
    } catch (FileNotFoundException e) {
      return Future.failedFuture(new IllegalArgumentException("no Hazelcast configuration at " + cluster.getConfigFile()));
    }
    EventBusOptions bus = vertxOptions.getEventBusOptions().setPort(cluster.getBusPort());
    if (cluster.getHost() != null) {
      bus.setHost(cluster.getHost());
    }
    return builder.with(vertxOptions).withClusterManager(manager).buildClustered()
      .compose(vertx -> startOn(vertx, manager, options, meters));
  }

  private static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
      .setEnabled(true)
      .setJvmMetricsEnabled(true)
      // consumers per address show leaks; one address per user would make one series per user: fold them
      .addLabels(Label.EB_ADDRESS)
      // the matched route ("/sse", "/assets/*"), a bounded set; never Label.HTTP_PATH, which is whatever a client sends
      .addLabels(Label.HTTP_ROUTE)
      .addLabelMatch(new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel("address")
        .setType(MatchType.REGEX).setValue("tidings\\.channel\\.user:.*").setAlias("tidings.channel.user:*"));
  }

  private static Future<Tidings> startOn(Vertx vertx, HazelcastClusterManager manager, TidingsOptions options,
                                         PrometheusMeterRegistry meters) {
    TidingsMetrics metrics = new TidingsMetrics(meters);
    Readiness readiness = new Readiness();
    Presence presence;
    Hub hub;
    Future<Void> presenceReady;
    if (manager == null) {
      presence = Presence.local(vertx, options.getPresenceIntervalMillis());
      hub = Hub.memory(vertx, options.getHistory(), metrics);
      presenceReady = Future.succeededFuture();
    } else {
      ClusterPresence clusterPresence = new ClusterPresence(vertx, manager.getNodeId(), options.getPresenceIntervalMillis());
      Membership.watch(manager, clusterPresence::nodeJoined, clusterPresence::nodeLeft);
      presence = clusterPresence;
      hub = Hub.grid(vertx, manager.getHazelcastInstance(), options.getHistory());
      presenceReady = clusterPresence.start();
    }
    // counted node-wide: the descriptor limit and a user's streams are the process's, not one event loop's;
    // a user's streams are counted across the cluster too, or tabs spread over nodes would multiply the cap
    StreamsPerUser userStreams = StreamsPerUser.node();
    if (manager != null) {
      GridStreamsPerUser grid = StreamsPerUser.grid(vertx, manager.getHazelcastInstance(), manager.getNodeId(),
        options.getMaxStreamsPerUser());
      Membership.watch(manager, joined -> { }, grid::forgetNode);
      userStreams = grid;
    }
    NodeLimits limits = new NodeLimits(new ConnectionCap(options.effectiveMaxConnections(), metrics),
      new StreamQuota(options.getMaxStreamsPerUser(), options.getMaxStreamsPerAddress()), userStreams);
    Sessions sessions = new Sessions(vertx, options.getIdentity());
    Identity identity;
    try {
      identity = Identity.create(vertx, options.getIdentity(), sessions);
    } catch (IllegalArgumentException e) {
      vertx.close();
      return Future.failedFuture(e);
    }
    if (identity.mode() == AuthMode.NONE) {
      LOG.warn("--auth none: anyone can read anyone's direct messages and post as anyone; for local demos and benchmarks only");
    }
    RateLimits rateLimits = new RateLimits(manager == null ? RateLimiter.memory(vertx)
      : RateLimiter.grid(vertx, manager.getHazelcastInstance()), options.getRateLimits());
    NodeServices node = new NodeServices(options, hub, presence, new MessageIds(), metrics, meters, readiness, limits,
      identity, new NameKeeper(vertx, sessions), rateLimits);
    List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
    return presenceReady
      .compose(v -> Ingress.register(vertx.eventBus(), hub))
      .compose(v -> deployHttp(vertx, node, instances))
      .compose(port -> options.isDemoStatus()
        ? vertx.deployVerticle(new StatusDemoVerticle(options.getDemoStatusSeconds(), node)).map(port)
        : Future.succeededFuture(port))
      .compose(port -> deployInternal(vertx, node)
        .map(internalPort -> new Tidings(vertx, node, instances, port, internalPort)))
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
  private static Future<Integer> deployHttp(Vertx vertx, NodeServices node, List<HttpVerticle> instances) {
    TidingsOptions options = node.options();
    TidingsOptions shared = new TidingsOptions(options);
    if (options.getPort() == 0 && options.effectiveInstances() > 1) {
      try {
        shared.setPort(freePort(options.getHost()));
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.deployVerticle(() -> {
      HttpVerticle instance = new HttpVerticle(node, shared);
      instances.add(instance);
      return instance;
    }, new DeploymentOptions().setInstances(options.effectiveInstances())).map(id -> instances.get(0).actualPort());
  }

  /**
   * The internal port, when separate: one instance per node, not one per HTTP instance, since a
   * monitor's few requests need no event loop of their own. Completes with its port, or
   * {@link InternalPortOptions#OFF}.
   */
  private static Future<Integer> deployInternal(Vertx vertx, NodeServices node) {
    if (!node.options().getInternalPort().isSeparate()) {
      return Future.succeededFuture(InternalPortOptions.OFF);
    }
    OperationsVerticle operations = new OperationsVerticle(node);
    return vertx.deployVerticle(operations).map(id -> operations.actualPort());
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** The internal port serving health and metrics, or {@link InternalPortOptions#OFF} when the public port does. */
  public int internalPort() {
    return internalPort;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The node's services; {@code hub()} is where an embedding program publishes. */
  public NodeServices services() {
    return node;
  }

  /**
   * Leaves gracefully: reports not-ready (health 503, new streams refused) for the drain period so
   * a load balancer stops sending here, tells every open stream to reconnect (they move to other
   * nodes), then leaves the cluster and stops.
   */
  public Future<Void> shutdown() {
    node.readiness().startDraining();
    Promise<Void> drainPeriod = Promise.promise();
    vertx.setTimer(Math.max(1, node.options().getDrainMillis()), id -> drainPeriod.complete());
    return drainPeriod.future()
      .compose(v -> Future.join(httpInstances.stream().map(HttpVerticle::drain).toList()))
      .transform(v -> close());
  }

  /** Stops at once: open streams end, the cluster is left. */
  public Future<Void> close() {
    node.presence().close();
    node.names().close();
    node.rateLimits().close();
    return vertx.close();
  }
}
