package io.tidings.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** How a node joins a cluster. Disabled by default: then nothing of Hazelcast starts. */
public final class ClusterOptions {

  public static final boolean DEFAULT_ENABLED = false;
  public static final int DEFAULT_PORT = 5701;
  /** 0: the event bus picks a free port and tells the others through the cluster. */
  public static final int DEFAULT_BUS_PORT = 0;

  private boolean enabled = DEFAULT_ENABLED;
  private String host;
  private int port = DEFAULT_PORT;
  private int busPort = DEFAULT_BUS_PORT;
  private List<String> members = new ArrayList<>();
  private String configFile;

  public ClusterOptions() {
  }

  public ClusterOptions(ClusterOptions other) {
    this(other.toJson());
  }

  public ClusterOptions(JsonObject json) {
    setEnabled(json.getBoolean("enabled", DEFAULT_ENABLED));
    setHost(json.getString("host"));
    setPort(json.getInteger("port", DEFAULT_PORT));
    setBusPort(json.getInteger("busPort", DEFAULT_BUS_PORT));
    List<String> list = new ArrayList<>();
    json.getJsonArray("members", new JsonArray()).forEach(m -> list.add(String.valueOf(m)));
    setMembers(list);
    setConfigFile(json.getString("configFile"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("host", host).put("port", port).put("busPort", busPort)
      .put("members", new JsonArray(new ArrayList<>(members))).put("configFile", configFile);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public ClusterOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  /** The address other nodes reach this one at; {@code null} lets Hazelcast choose an interface. */
  public String getHost() {
    return host;
  }

  public ClusterOptions setHost(String host) {
    this.host = host == null || host.isBlank() ? null : host.trim();
    return this;
  }

  /** Hazelcast's member port: the one named in the others' {@code --cluster-members}. */
  public int getPort() {
    return port;
  }

  public ClusterOptions setPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster port must be between 1 and 65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** The Vert.x event bus's own TCP port between nodes. */
  public int getBusPort() {
    return busPort;
  }

  public ClusterOptions setBusPort(int busPort) {
    if (busPort < 0 || busPort > 65535) {
      throw new IllegalArgumentException("cluster bus port must be between 0 and 65535, got " + busPort);
    }
    this.busPort = busPort;
    return this;
  }

  /** {@code host:port} of members to join over TCP/IP (multicast stays off). */
  public List<String> getMembers() {
    return members;
  }

  public ClusterOptions setMembers(List<String> members) {
    List<String> cleaned = new ArrayList<>();
    for (String member : members) {
      String m = member.trim();
      if (m.isEmpty()) {
        continue;
      }
      if (!m.matches("[^:\\s]+(:\\d{1,5})?")) {
        throw new IllegalArgumentException("cluster member must be host or host:port, got '" + m + "'");
      }
      cleaned.add(m);
    }
    this.members = cleaned;
    return this;
  }

  /** A complete Hazelcast configuration (XML or YAML) to use instead of the one built from these options. */
  public String getConfigFile() {
    return configFile;
  }

  public ClusterOptions setConfigFile(String configFile) {
    this.configFile = configFile == null || configFile.isBlank() ? null : configFile;
    return this;
  }
}
