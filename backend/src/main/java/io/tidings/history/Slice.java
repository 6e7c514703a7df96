package io.tidings.history;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a read of one channel's history returns: kept events in order, the channel's incarnation
 * and last sequence at the time of the read, and whether events the reader asked for were gone.
 * Serializable for Hazelcast, which returns it from the member that owns the channel.
 */
public final class Slice implements DataSerializable {

  private long epoch;
  private long lastSeq;
  private List<StoredEvent> events;
  private Gap gap;

  /** For Hazelcast's deserialization. */
  public Slice() {
  }

  public Slice(long epoch, long lastSeq, List<StoredEvent> events, Gap gap) {
    this.epoch = epoch;
    this.lastSeq = lastSeq;
    this.events = events;
    this.gap = gap;
  }

  /** A channel that has never had an event. */
  public static Slice empty() {
    return new Slice(0, 0, List.of(), Gap.NONE);
  }

  public long epoch() {
    return epoch;
  }

  public long lastSeq() {
    return lastSeq;
  }

  public List<StoredEvent> events() {
    return events;
  }

  public Gap gap() {
    return gap;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(epoch);
    out.writeLong(lastSeq);
    out.writeByte(gap.ordinal());
    StoredEvent.writeAll(out, events);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    epoch = in.readLong();
    lastSeq = in.readLong();
    gap = Gap.values()[in.readByte()];
    List<StoredEvent> read = new ArrayList<>();
    StoredEvent.readAll(in, read::add);
    events = read;
  }
}
