package io.tidings.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Freshly started Tidings: one node, or a cluster of nodes on loopback. In a cluster the streams
 * go to the last node and POSTs to the first, so every event crosses the event bus.
 */
final class TidingsTarget implements Target {

  private static final Duration START = Duration.ofSeconds(90);
  /**
   * The identity mode a node gets when its flags name none: {@code none}, as every node had before
   * the server's default became {@code nickname}, so that the figures stay comparable with earlier
   * runs. The identity scenario names its modes itself.
   */
  static final List<String> DEFAULT_AUTH = List.of("--auth", "none");
  /**
   * The server's rate limits, off (0) unless a node's flags name them: the benchmark posts and
   * opens from a few loopback addresses as fast as the node takes, which the limits exist to
   * refuse, and the runs before them had none.
   */
  static final List<String> NO_RATE_LIMITS = List.of("--max-messages-per-user", "0", "--max-messages-per-address", "0",
    "--max-sessions-per-address", "0", "--max-stream-opens-per-address", "0");

  private final Path jar;
  private final List<String> javaOptions;
  private final Path log;
  private final List<String> flags;
  private final List<TidingsNode> nodes;

  private TidingsTarget(Path jar, List<String> javaOptions, Path log, List<String> flags, List<TidingsNode> nodes) {
    this.jar = jar;
    this.javaOptions = javaOptions;
    this.log = log;
    this.flags = flags;
    this.nodes = nodes;
  }

  static TidingsTarget start(Path jar, List<String> javaOptions, Path log) {
    return start(jar, javaOptions, log, List.of());
  }

  /** One node started with the server flags {@code flags} (such as {@code --history-size 0}). */
  static TidingsTarget start(Path jar, List<String> javaOptions, Path log, List<String> flags) {
    List<String> allFlags = withDefaults(flags);
    TidingsNode node = TidingsNode.launch(jar, javaOptions, FreePort.find(), allFlags, log);
    node.awaitListening(START, log);
    return new TidingsTarget(jar, javaOptions, log, allFlags, new ArrayList<>(List.of(node)));
  }

  /** {@code count} nodes joined over TCP/IP on loopback; returns once every node sees the others. */
  static TidingsTarget cluster(Path jar, List<String> javaOptions, Path log, int count) {
    return cluster(jar, javaOptions, log, count, List.of());
  }

  /** A cluster whose nodes all have the server flags {@code flags}. */
  static TidingsTarget cluster(Path jar, List<String> javaOptions, Path log, int count, List<String> flags) {
    List<String> allFlags = withDefaults(flags);
    int[] httpPorts = new int[count];
    List<String> members = new ArrayList<>();
    int[] memberPorts = new int[count];
    for (int i = 0; i < count; i++) {
      httpPorts[i] = FreePort.find();
      memberPorts[i] = FreePort.find();
      members.add("127.0.0.1:" + memberPorts[i]);
    }
    TidingsTarget target = new TidingsTarget(jar, javaOptions, log, allFlags, new ArrayList<>());
    try {
      // all at once, as an operator would: each finds the others through the member list
      for (int i = 0; i < count; i++) {
        List<String> nodeFlags = new ArrayList<>(List.of("--cluster",
          "--cluster-host", "127.0.0.1", "--cluster-port", String.valueOf(memberPorts[i]),
          "--cluster-bus-port", "0", "--cluster-members", String.join(",", members)));
        nodeFlags.addAll(allFlags);
        target.nodes.add(TidingsNode.launch(jar, javaOptions, httpPorts[i], nodeFlags, log));
      }
      for (TidingsNode node : target.nodes) {
        node.awaitListening(START, log);
      }
      ClusterJoin.await(target.nodes, Duration.ofSeconds(60));
      return target;
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /**
   * {@code flags}, after {@link #DEFAULT_AUTH} and {@link #NO_RATE_LIMITS} but for the options they
   * name themselves (the server refuses an option given twice).
   */
  static List<String> withDefaults(List<String> flags) {
    List<String> all = new ArrayList<>();
    for (List<String> defaults : List.of(DEFAULT_AUTH, NO_RATE_LIMITS)) {
      for (int i = 0; i < defaults.size(); i += 2) {
        if (!flags.contains(defaults.get(i))) {
          all.addAll(defaults.subList(i, i + 2));
        }
      }
    }
    all.addAll(flags);
    return all;
  }

  List<TidingsNode> nodes() {
    return nodes;
  }

  @Override
  public String name() {
    return nodes.size() == 1 ? "tidings" : "tidings-cluster";
  }

  /** The node that holds the streams. */
  @Override
  public int port() {
    return nodes.get(nodes.size() - 1).port();
  }

  /** The node that takes the POSTs: another one than the streams' in a cluster. */
  @Override
  public int senderPort() {
    return nodes.get(0).port();
  }

  @Override
  public String streamUri(boolean broadcast, boolean presence) {
    return "/sse?user=u{i}" + (presence ? "" : "&presence=false");
  }

  /** The welcome carries the stream's starting position; in a cluster it can come seconds after the head. */
  @Override
  public boolean welcomesWithId() {
    return true;
  }

  @Override
  public Post broadcast(String text) {
    return new Post("/sse/message", "application/json", "{\"user\":\"benchsender\",\"message\":\"" + text + "\"}");
  }

  /** A direct message to the user of stream {@code index} (see {@link #streamUri}). */
  Post direct(String text, String index) {
    return new Post("/sse/message", "application/json",
      "{\"user\":\"benchsender\",\"to\":\"u" + index + "\",\"message\":\"" + text + "\"}");
  }

  /** A single node stopped (SIGTERM: it drains and ends its streams) and a fresh one started on its port. */
  @Override
  public void restart() {
    if (nodes.size() != 1) {
      throw new IllegalStateException("restart is for a single node");
    }
    TidingsNode old = nodes.remove(0);
    old.close();
    TidingsNode fresh = TidingsNode.launch(jar, javaOptions, old.port(), flags, log);
    nodes.add(fresh);
    fresh.awaitListening(START, log);
  }

  /** Of all nodes. */
  @Override
  public long residentBytes() {
    return nodes.stream().mapToLong(TidingsNode::residentBytes).sum();
  }

  /** Of all nodes. */
  @Override
  public long liveHeapBytes() {
    return nodes.stream().mapToLong(TidingsNode::liveHeapBytes).sum();
  }

  /** Of all nodes. */
  @Override
  public double cpuSeconds() {
    return nodes.stream().mapToDouble(TidingsNode::cpuSeconds).sum();
  }

  @Override
  public void close() {
    // all drain at once, then each is awaited (and killed if it does not exit)
    nodes.forEach(TidingsNode::terminate);
    nodes.forEach(TidingsNode::close);
  }
}
