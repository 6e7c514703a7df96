package io.tidings.hub;

import io.tidings.bus.BusEvent;
import io.tidings.history.Gap;
import io.tidings.history.Slice;
import io.tidings.history.StoredEvent;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.sse.SseEncoder;
import io.tidings.sse.SseStream;
import io.tidings.sse.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One stream's following of its channels, and the one place of the replay-then-live handshake.
 *
 * <p>The stream starts following its feeds before it reads the history, and buffers what they hand
 * it meanwhile; every event kept before the read is in the read, every one after reaches the
 * buffer. It then writes its {@code welcome} (whose id is where it starts), a {@code missed} if
 * the history could not go back far enough, the replay, and the buffer, skipping what the replay
 * already had; from then on it is live. Each event's id carries the stream's position in every
 * channel, so a resume needs only the last id the client saw. Confined to the instance's event loop.
 */
public final class Subscription {

  /** The id tags of the channels a stream follows, in slot order: everyone, then its own user. */
  static final String[] TAGS = {"a", "u"};

  /** Live events a stream may collect during its handshake before it is told to come back. */
  static final int MAX_BUFFERED = 10_000;

  private final SseStream stream;
  private final ChannelFeed[] feeds;
  private final Hub hub;
  private final StreamWriter writer;
  private final TidingsMetrics metrics;
  private final Position[] positions;
  private final String[] idEntries;
  private List<Pending> buffered = new ArrayList<>();
  private boolean cancelled;

  private record Pending(int slot, Stamped stamped, Buffer encoded) {
  }

  private record Replayed(int slot, long epoch, StoredEvent stored) {
  }

  Subscription(SseStream stream, ChannelFeed[] feeds, Hub hub, StreamWriter writer, TidingsMetrics metrics) {
    this.stream = stream;
    this.feeds = feeds;
    this.hub = hub;
    this.writer = writer;
    this.metrics = metrics;
    this.positions = new Position[feeds.length];
    this.idEntries = new String[feeds.length];
  }

  ChannelFeed[] feeds() {
    return feeds;
  }

  /**
   * @param welcome the welcome event's data (the id is added here)
   * @param prelude bytes to send right after the welcome (the presence snapshot), possibly empty
   */
  Future<Void> start(StartPoint start, JsonObject welcome, Future<Buffer> prelude) {
    List<Future<Void>> ready = new ArrayList<>();
    for (ChannelFeed feed : feeds) {
      feed.follow(this);
      ready.add(feed.ready());
    }
    return Future.all(ready)
      .compose(v -> {
        List<Future<Slice>> reads = new ArrayList<>();
        for (ChannelFeed feed : feeds) {
          reads.add(read(feed.channel(), start));
        }
        return Future.all(reads).map(all -> all.<Slice>list());
      })
      .compose(slices -> prelude.map(bytes -> {
        if (!cancelled) {
          handshake(start, slices, welcome, bytes);
        }
        return null;
      }));
  }

  private Future<Slice> read(Channel channel, StartPoint start) {
    return switch (start.kind()) {
      case NOW -> hub.latest(channel, 0);
      case LATEST -> hub.latest(channel, start.count());
      case RESUME -> {
        Position from = start.positions() == null ? null : start.positions().get(TAGS[slotOf(channel)]);
        yield from == null
          // an id we cannot read, or without this channel: everything kept, and a missed
          ? hub.read(channel, Position.BEGINNING).map(s -> new Slice(s.epoch(), s.lastSeq(), s.events(), Gap.UNKNOWN))
          : hub.read(channel, from);
      }
    };
  }

  private int slotOf(Channel channel) {
    for (int i = 0; i < feeds.length; i++) {
      if (feeds[i].channel().equals(channel)) {
        return i;
      }
    }
    throw new IllegalArgumentException(channel.key());
  }

  private void handshake(StartPoint start, List<Slice> slices, JsonObject welcome, Buffer prelude) {
    Gap worst = Gap.NONE;
    for (Slice slice : slices) {
      if (slice.gap().compareTo(worst) > 0) {
        worst = slice.gap();
      }
    }
    List<Replayed> replay = merge(slices);
    if (start.kind() == StartPoint.Kind.LATEST && replay.size() > start.count()) {
      replay = new ArrayList<>(replay.subList(replay.size() - start.count(), replay.size()));
    }
    for (int slot = 0; slot < slices.size(); slot++) {
      setPosition(slot, new Position(slices.get(slot).epoch(), slices.get(slot).lastSeq()));
    }
    for (int i = replay.size() - 1; i >= 0; i--) {
      Replayed r = replay.get(i);
      setPosition(r.slot(), new Position(r.epoch(), r.stored().seq() - 1));
    }
    writer.send(stream, SseEncoder.encode("welcome", Cursor.join(idEntries), welcome.encode()));
    if (prelude.length() > 0) {
      writer.send(stream, prelude);
    }
    if (worst != Gap.NONE) {
      writer.send(stream, missedEvent(worst));
    }
    for (Replayed r : replay) {
      setPosition(r.slot(), new Position(r.epoch(), r.stored().seq()));
      BusEvent event = BusEvent.fromJson(new JsonObject(r.stored().json()));
      writer.send(stream, SseEncoder.encodeWithoutEnd(event), SseEncoder.idAndEnd(Cursor.join(idEntries)));
    }
    metrics.eventsReplayed(replay.size());
    if (start.kind() == StartPoint.Kind.RESUME) {
      metrics.streamResumed(worst == Gap.NONE);
    }
    List<Pending> arrived = buffered;
    buffered = null;
    for (Pending pending : arrived) {
      deliver(pending.slot(), pending.stamped(), pending.encoded());
    }
    stream.markSubscribed();
  }

  /**
   * One view of several channels: each channel's events in its own order (by sequence), merged by
   * time, the everyone channel first on a tie. Not a sort by time: publishers on different nodes
   * or event loops take their time before they are stamped, so within a channel time may run
   * backwards against the sequence, and the replay must never reorder a channel.
   */
  private static List<Replayed> merge(List<Slice> slices) {
    List<Replayed> merged = new ArrayList<>();
    int[] next = new int[slices.size()];
    while (true) {
      int pick = -1;
      for (int slot = 0; slot < slices.size(); slot++) {
        List<StoredEvent> events = slices.get(slot).events();
        if (next[slot] < events.size() && (pick < 0
          || events.get(next[slot]).time() < slices.get(pick).events().get(next[pick]).time())) {
          pick = slot;
        }
      }
      if (pick < 0) {
        return merged;
      }
      merged.add(new Replayed(pick, slices.get(pick).epoch(), slices.get(pick).events().get(next[pick]++)));
    }
  }

  /** From a feed, in the channel's order. @return whether it was written to the stream now */
  boolean offer(ChannelFeed feed, Stamped stamped, Buffer encoded) {
    if (cancelled) {
      return false;
    }
    int slot = feed == feeds[0] ? 0 : slotOf(feed.channel());
    if (buffered != null) {
      if (buffered.size() >= MAX_BUFFERED) {
        // the history could not be read in time for this many events: start again from the client's id
        cancelled = true;
        writer.send(stream, StreamWriter.RECONNECT_SLOW);
        stream.end();
        return false;
      }
      buffered.add(new Pending(slot, stamped, encoded));
      return false;
    }
    return deliver(slot, stamped, encoded);
  }

  /** A live-only event: not during the handshake (it has no place to resume from). */
  boolean offerTransient(Buffer encoded) {
    return !cancelled && buffered == null && writer.send(stream, encoded);
  }

  /** A feed could not repair a gap: the events in it are no longer kept. */
  void missed(Gap gap) {
    if (!cancelled && buffered == null) {
      writer.send(stream, missedEvent(gap));
    }
  }

  void cancel() {
    cancelled = true;
    for (ChannelFeed feed : feeds) {
      feed.unfollow(this);
    }
  }

  private boolean deliver(int slot, Stamped stamped, Buffer encoded) {
    Position at = positions[slot];
    if (stamped.epoch() == at.epoch() && stamped.seq() <= at.seq()) {
      // already in the replay
      return false;
    }
    setPosition(slot, stamped.position());
    return writer.send(stream, encoded, SseEncoder.idAndEnd(Cursor.join(idEntries)));
  }

  private void setPosition(int slot, Position position) {
    positions[slot] = position;
    idEntries[slot] = Cursor.entry(TAGS[slot], position);
  }

  private Buffer missedEvent(Gap gap) {
    return SseEncoder.encode(BusEvent.of("missed", new JsonObject().put("reason", gap.reason())
      .put("message", Missed.explain(gap, hub.options()))));
  }
}
