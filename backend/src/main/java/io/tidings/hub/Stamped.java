package io.tidings.hub;

import io.tidings.bus.BusEvent;
import io.tidings.history.StoredEvent;
import io.vertx.core.json.JsonObject;

/**
 * An event with its place in its channel, as it travels from the publisher to every node's feed:
 * {@code {"channel", "epoch", "seq", "time", "event": {"event"?, "data"}}}. A transient event
 * (live only, never kept) has no epoch or sequence.
 */
public record Stamped(Channel channel, long epoch, long seq, long time, BusEvent event) {

  public boolean isTransient() {
    return seq == 0;
  }

  public Position position() {
    return new Position(epoch, seq);
  }

  public static Stamped fromStored(Channel channel, long epoch, StoredEvent stored) {
    return new Stamped(channel, epoch, stored.seq(), stored.time(), BusEvent.fromJson(new JsonObject(stored.json())));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("channel", channel.key()).put("time", time).put("event", event.toJson());
    if (!isTransient()) {
      json.put("epoch", epoch).put("seq", seq);
    }
    return json;
  }

  /** @throws IllegalArgumentException when the body is not a stamped event */
  public static Stamped fromJson(Object body) {
    if (!(body instanceof JsonObject json) || !(json.getValue("channel") instanceof String channel)) {
      throw new IllegalArgumentException("not a stamped event");
    }
    try {
      return new Stamped(new Channel(channel), json.getLong("epoch", 0L), json.getLong("seq", 0L),
        json.getLong("time", 0L), BusEvent.fromJson(json.getValue("event")));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("not a stamped event: " + e.getMessage());
    }
  }
}
