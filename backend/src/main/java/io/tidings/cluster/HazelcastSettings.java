package io.tidings.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.tidings.config.ClusterOptions;
import io.tidings.config.HistoryOptions;
import io.tidings.hub.impl.GridHub;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.FileNotFoundException;
import java.util.Map;

/**
 * The Hazelcast configuration of a Tidings node: Vert.x's own defaults (the maps its event bus
 * needs), TCP/IP join to the listed members with multicast off, and timings shortened so a node
 * joins in about a second and a dead one is noticed within seconds.
 */
public final class HazelcastSettings {

  /**
   * Failure detection and start-up. Measured on loopback with Hazelcast 5.3.8: a second node joins
   * in about 1.5 s (6.5 s with the defaults); a killed member is dropped in about 0.35 s (its
   * connection closes), a frozen one after the 5 s without heartbeat (60 s with the defaults).
   */
  public static final Map<String, String> PROPERTIES = Map.of(
    "hazelcast.wait.seconds.before.join", "0",
    "hazelcast.max.wait.seconds.before.join", "0",
    "hazelcast.heartbeat.interval.seconds", "1",
    "hazelcast.max.no.heartbeat.seconds", "5",
    "hazelcast.phone.home.enabled", "false",
    // Tidings leaves the cluster itself on SIGTERM, after draining: Hazelcast's own hook would leave first
    "hazelcast.shutdownhook.enabled", "false",
    "hazelcast.logging.type", "jdk");

  private HazelcastSettings() {
  }

  public static Config build(ClusterOptions options, HistoryOptions history) throws FileNotFoundException {
    Config config = options.getConfigFile() != null
      // the operator's configuration, used as given, with the history map's unless it has its own
      ? Config.loadFromFile(new java.io.File(options.getConfigFile()))
      : ours(options);
    if (config.getMapConfigOrNull(GridHub.MAP) == null) {
      config.addMapConfig(GridHub.mapConfig(history));
    }
    return config;
  }

  private static Config ours(ClusterOptions options) {
    Config config = new HazelcastClusterManager().loadConfig();
    PROPERTIES.forEach(config::setProperty);
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.getPort()).setPortAutoIncrement(false);
    if (options.getHost() != null) {
      network.setPublicAddress(options.getHost() + ":" + options.getPort());
      network.getInterfaces().setEnabled(true).addInterface(options.getHost());
      // otherwise Hazelcast still listens on every interface
      config.setProperty("hazelcast.socket.bind.any", "false");
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(options.getMembers());
    return config;
  }
}
