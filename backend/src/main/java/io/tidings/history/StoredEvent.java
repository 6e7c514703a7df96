package io.tidings.history;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * One kept event of a channel.
 *
 * @param seq  its place in the channel's order, from 1
 * @param time epoch microseconds when it was published (unique and increasing per publishing node)
 * @param json the event as published ({@code {"event"?, "data"}}), encoded
 */
public record StoredEvent(long seq, long time, String json) {

  /** Hazelcast's wire form of a run of events: the log's and a slice's. */
  static void writeAll(ObjectDataOutput out, Collection<StoredEvent> events) throws IOException {
    out.writeInt(events.size());
    for (StoredEvent event : events) {
      out.writeLong(event.seq());
      out.writeLong(event.time());
      out.writeString(event.json());
    }
  }

  /** @return how many were read, each handed to {@code to} in order */
  static int readAll(ObjectDataInput in, Consumer<StoredEvent> to) throws IOException {
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      to.accept(new StoredEvent(in.readLong(), in.readLong(), in.readString()));
    }
    return size;
  }
}
