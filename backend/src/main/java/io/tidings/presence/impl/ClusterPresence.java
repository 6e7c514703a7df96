package io.tidings.presence.impl;

import io.tidings.bus.Addresses;
import io.tidings.presence.OnlinePage;
import io.tidings.presence.Presence;
import io.tidings.presence.PresenceChanges;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Presence across a cluster, with no shared store to wait on. Each node announces, batched, the
 * users it holds streams for; each node keeps the resulting view (user -> nodes holding them) and
 * answers every query from it, so nothing waits on another node, alive or not. A node that joins
 * asks the others for their full lists; a node that leaves or dies takes its users with it when the
 * cluster manager reports it gone ({@link #nodeLeft}).
 */
public final class ClusterPresence implements Presence {

  private final EventBus bus;
  private final String localNode;
  // this node's users -> verticle instances holding at least one of their streams
  private final Map<String, Integer> localHolders = new HashMap<>();
  private final PresenceChanges localChanges = new PresenceChanges();
  // the cluster-wide view, sorted for paging
  private final TreeMap<String, Set<String>> nodesByUser = new TreeMap<>();
  private final Map<String, Set<String>> usersByNode = new HashMap<>();
  private final PresenceChanges viewChanges = new PresenceChanges();
  private final Coalescer announcement;
  private final Coalescer publication;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  public ClusterPresence(Vertx vertx, String localNode, int intervalMillis) {
    this.bus = vertx.eventBus();
    this.localNode = localNode;
    this.announcement = new Coalescer(vertx, intervalMillis, this::announce);
    this.publication = new Coalescer(vertx, intervalMillis, this::publish);
  }

  /** Subscribes to the other nodes' announcements, then asks them for their full lists. */
  public Future<Void> start() {
    MessageConsumer<JsonObject> announcements = bus.consumer(Addresses.PRESENCE_NODES, m -> apply(m.body()));
    MessageConsumer<JsonObject> syncRequests = bus.consumer(Addresses.PRESENCE_SYNC, m -> {
      if (!localNode.equals(m.body().getString("node"))) {
        announceAll();
      }
    });
    consumers.add(announcements);
    consumers.add(syncRequests);
    return Future.all(announcements.completion(), syncRequests.completion())
      .onSuccess(v -> bus.publish(Addresses.PRESENCE_SYNC, new JsonObject().put("node", localNode)))
      .mapEmpty();
  }

  @Override
  public synchronized void join(String user) {
    if (localHolders.merge(user, 1, Integer::sum) == 1) {
      localChanges.record(user, false);
      announcement.poke();
      addToView(user, localNode);
    }
  }

  @Override
  public synchronized void leave(String user) {
    if (localHolders.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1) == null) {
      localChanges.record(user, true);
      announcement.poke();
      removeFromView(user, localNode);
    }
  }

  @Override
  public synchronized Future<Boolean> isOnline(String user) {
    return Future.succeededFuture(nodesByUser.containsKey(user));
  }

  @Override
  public synchronized Future<OnlinePage> online(int offset, int limit) {
    return Future.succeededFuture(OnlinePage.of(nodesByUser.navigableKeySet(), offset, limit));
  }

  /** The cluster manager reports a node gone (left, crashed or frozen past the heartbeat timeout). */
  public synchronized void nodeLeft(String node) {
    for (String user : new ArrayList<>(usersByNode.getOrDefault(node, Set.of()))) {
      removeFromView(user, node);
    }
  }

  /** A node joined (or a split cluster merged): tell it who is here. */
  public void nodeJoined(String node) {
    if (!localNode.equals(node)) {
      announceAll();
    }
  }

  @Override
  public void close() {
    announcement.close();
    publication.close();
    consumers.forEach(MessageConsumer::unregister);
  }

  private synchronized void apply(JsonObject announcement) {
    String node = announcement.getString("node");
    if (node == null || node.equals(localNode)) {
      return;
    }
    JsonArray all = announcement.getJsonArray("users");
    if (all != null) {
      Set<String> now = new HashSet<>();
      all.forEach(u -> now.add((String) u));
      for (String user : new ArrayList<>(usersByNode.getOrDefault(node, Set.of()))) {
        if (!now.contains(user)) {
          removeFromView(user, node);
        }
      }
      now.forEach(user -> addToView(user, node));
      return;
    }
    announcement.getJsonArray("joined", new JsonArray()).forEach(u -> addToView((String) u, node));
    announcement.getJsonArray("left", new JsonArray()).forEach(u -> removeFromView((String) u, node));
  }

  private void addToView(String user, String node) {
    if (!usersByNode.computeIfAbsent(node, n -> new HashSet<>()).add(user)) {
      return;
    }
    Set<String> nodes = nodesByUser.computeIfAbsent(user, u -> new HashSet<>(2));
    if (nodes.isEmpty()) {
      viewChanges.record(user, false);
      publication.poke();
    }
    nodes.add(node);
  }

  private void removeFromView(String user, String node) {
    Set<String> users = usersByNode.get(node);
    if (users == null || !users.remove(user)) {
      return;
    }
    if (users.isEmpty()) {
      usersByNode.remove(node);
    }
    Set<String> nodes = nodesByUser.get(user);
    nodes.remove(node);
    if (nodes.isEmpty()) {
      nodesByUser.remove(user);
      viewChanges.record(user, true);
      publication.poke();
    }
  }

  private void announce() {
    JsonObject change;
    synchronized (this) {
      change = localChanges.drain(localHolders::containsKey, localHolders.size());
    }
    if (change != null) {
      bus.publish(Addresses.PRESENCE_NODES, new JsonObject().put("node", localNode)
        .put("joined", change.getJsonArray("joined")).put("left", change.getJsonArray("left")));
    }
  }

  private void announceAll() {
    JsonArray users;
    synchronized (this) {
      users = new JsonArray(new ArrayList<>(localHolders.keySet()));
    }
    bus.publish(Addresses.PRESENCE_NODES, new JsonObject().put("node", localNode).put("users", users));
  }

  private void publish() {
    JsonObject change;
    synchronized (this) {
      change = viewChanges.drain(nodesByUser::containsKey, nodesByUser.size());
    }
    if (change != null) {
      bus.publish(Addresses.PRESENCE, change, LocalPresence.THIS_NODE_ONLY);
    }
  }
}
