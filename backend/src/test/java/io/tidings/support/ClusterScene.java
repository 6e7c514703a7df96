package io.tidings.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * What a cluster test sets up and must take down again: node processes, tabs, senders, the
 * clients they use and a Hazelcast client asking who owns what. {@link #close()} stops all of it,
 * tabs first (some of whose nodes are gone), processes last.
 */
public final class ClusterScene implements AutoCloseable {

  public final List<SteadySender> senders = new ArrayList<>();
  public final List<ResumingTab> tabs = new ArrayList<>();
  public final Clients clients = new Clients();
  private final List<NodeProcess> started = new ArrayList<>();
  private final Vertx vertx = Vertx.vertx();
  public final HttpClient streams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
    new PoolOptions().setHttp1MaxSize(100));
  private PartitionOwners owners;

  /** Starts a node process that {@link #close()} will stop. */
  public NodeProcess start(String name, int httpPort, int clusterPort, List<String> args) {
    NodeProcess node = NodeProcess.start(name, httpPort, clusterPort, args);
    started.add(node);
    return node;
  }

  /** Asks the cluster at these member ports who owns what; closed with the scene. */
  public PartitionOwners owners(int... memberPorts) {
    owners = PartitionOwners.connect(memberPorts);
    return owners;
  }

  /** Closes the owners' client now (it is a cluster member's client: before a kill, say). */
  public void closeOwners() {
    if (owners != null) {
      owners.close();
      owners = null;
    }
  }

  public ResumingTab tab(int port, String user) {
    ResumingTab tab = ResumingTab.open(streams, port, user);
    tabs.add(tab);
    return tab;
  }

  @Override
  public void close() {
    senders.forEach(SteadySender::close);
    tabs.forEach(tab -> {
      try {
        tab.close();
      } catch (AssertionError ignored) {
        // its node is gone
      }
    });
    closeOwners();
    clients.close();
    Await.result(vertx.close());
    started.forEach(NodeProcess::close);
  }
}
