package io.tidings.history;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One channel's order and its bounded past: the rules both engines share. Appending stamps the
 * next sequence; reading after a position says what is gone rather than skipping it silently.
 *
 * <p>The epoch names this incarnation of the channel: a log created again (a single node's restart,
 * a channel evicted at the bound) starts its sequences over, and a position from the old one must
 * not be read as a position in the new one. Not thread-safe: the memory engine locks around it,
 * and Hazelcast runs entry processors on the owning partition's thread.
 */
public final class ChannelLog implements DataSerializable {

  // how far back an append looks for itself: a retry comes right after the original
  private static final int RETRY_WINDOW = 16;

  private long epoch;
  private long lastSeq;
  private ArrayDeque<StoredEvent> events = new ArrayDeque<>();

  /** For Hazelcast's deserialization. */
  public ChannelLog() {
  }

  public ChannelLog(long epoch) {
    if (epoch <= 0) {
      throw new IllegalArgumentException("epoch must be positive");
    }
    this.epoch = epoch;
  }

  /** A fresh epoch, positive and short in base 36 (8 characters at most). */
  public static long newEpoch() {
    return ThreadLocalRandom.current().nextLong(1, 36L * 36 * 36 * 36 * 36 * 36 * 36 * 36);
  }

  public long epoch() {
    return epoch;
  }

  public long lastSeq() {
    return lastSeq;
  }

  /**
   * Stamps the event with the next sequence and keeps it within the bounds (times in the
   * publisher's unit). Idempotent: an append that Hazelcast runs again on a backup promoted after
   * its owner died, which had already applied it, returns the event it kept rather than keeping it
   * twice. A publisher's time is unique to it, so time and content together name one append.
   */
  public StoredEvent append(long time, String json, int maxSize, long maxAge) {
    int checked = 0;
    for (Iterator<StoredEvent> it = events.descendingIterator(); it.hasNext() && checked++ < RETRY_WINDOW; ) {
      StoredEvent kept = it.next();
      if (kept.time() == time && kept.json().equals(json)) {
        return kept;
      }
    }
    StoredEvent event = new StoredEvent(++lastSeq, time, json);
    events.addLast(event);
    while (events.size() > maxSize) {
      events.removeFirst();
    }
    dropOlderThan(time - maxAge);
    return event;
  }

  /** Drops what has outlived the age bound; an idle channel empties without a reader. */
  public void dropOlderThan(long oldestKept) {
    while (!events.isEmpty() && events.peekFirst().time() < oldestKept) {
      events.removeFirst();
    }
  }

  /**
   * Events after a position, oldest first, at most {@code limit}. A position of another epoch, past
   * the end, or before what is kept, gets every kept event and the {@link Gap} that says why.
   * Epoch 0 is the position of a reader who saw the channel before it had any event.
   */
  public Slice after(long positionEpoch, long afterSeq, int limit, long oldestKept) {
    long firstKept = firstKept(oldestKept);
    long from = positionEpoch == 0 ? 0 : afterSeq;
    Gap gap;
    if (positionEpoch != 0 && positionEpoch != epoch) {
      gap = Gap.RESET;
      from = 0;
    } else if (from > lastSeq || from < 0) {
      gap = Gap.UNKNOWN;
      from = 0;
    } else if (from < firstKept - 1) {
      gap = Gap.EXPIRED;
    } else {
      gap = Gap.NONE;
    }
    List<StoredEvent> out = newestBack(Math.max(from + 1, firstKept), Integer.MAX_VALUE);
    return new Slice(epoch, lastSeq, out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out, gap);
  }

  /**
   * A read of a channel that is not kept: never had an event, or evicted or expired since. From a
   * position in an incarnation that is gone, that is a reset; from the beginning, nothing is missing.
   */
  public static Slice absent(long positionEpoch) {
    return positionEpoch == 0 ? Slice.empty() : new Slice(0, 0, List.of(), Gap.RESET);
  }

  /** The last {@code count} kept events, oldest first. */
  public Slice latest(int count, long oldestKept) {
    return new Slice(epoch, lastSeq, newestBack(firstKept(oldestKept), count), Gap.NONE);
  }

  // expired events are at the head, and few: the usual read touches only what it returns
  private long firstKept(long oldestKept) {
    for (StoredEvent event : events) {
      if (event.time() >= oldestKept) {
        return event.seq();
      }
    }
    return lastSeq + 1;
  }

  /** Events from sequence {@code fromSeq} on, at most the newest {@code count}, oldest first. */
  private List<StoredEvent> newestBack(long fromSeq, int count) {
    List<StoredEvent> out = new ArrayList<>();
    for (Iterator<StoredEvent> it = events.descendingIterator(); it.hasNext() && out.size() < count; ) {
      StoredEvent event = it.next();
      if (event.seq() < fromSeq) {
        break;
      }
      out.add(event);
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(epoch);
    out.writeLong(lastSeq);
    StoredEvent.writeAll(out, events);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readLong();
    lastSeq = in.readLong();
    events = new ArrayDeque<>();
    StoredEvent.readAll(in, events::addLast);
  }
}
