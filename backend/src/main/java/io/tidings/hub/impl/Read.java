package io.tidings.hub.impl;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.tidings.history.ChannelLog;
import io.tidings.history.Slice;
import io.tidings.hub.Position;

import java.io.IOException;
import java.util.Map;

/**
 * Reads a channel's log where it lives, returning only the slice asked for: one round trip per
 * channel however many events it returns. Read-only, so Hazelcast neither backs it up nor locks
 * the entry for writing.
 */
public final class Read implements EntryProcessor<String, ChannelLog, Slice>, ReadOnly, DataSerializable {

  private boolean latest;
  private long epoch;
  private long afterSeq;
  private int count;
  private long oldestKept;

  /** For Hazelcast's deserialization. */
  public Read() {
  }

  static Read after(Position position, long oldestKept) {
    Read read = new Read();
    read.epoch = position.epoch();
    read.afterSeq = position.seq();
    read.oldestKept = oldestKept;
    return read;
  }

  static Read latest(int count, long oldestKept) {
    Read read = new Read();
    read.latest = true;
    read.count = count;
    read.oldestKept = oldestKept;
    return read;
  }

  @Override
  public Slice process(Map.Entry<String, ChannelLog> entry) {
    ChannelLog log = entry.getValue();
    if (log == null) {
      return latest ? Slice.empty() : ChannelLog.absent(epoch);
    }
    return latest ? log.latest(count, oldestKept) : log.after(epoch, afterSeq, Integer.MAX_VALUE, oldestKept);
  }

  @Override
  public EntryProcessor<String, ChannelLog, Slice> getBackupProcessor() {
    return null;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(latest);
    out.writeLong(epoch);
    out.writeLong(afterSeq);
    out.writeInt(count);
    out.writeLong(oldestKept);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    latest = in.readBoolean();
    epoch = in.readLong();
    afterSeq = in.readLong();
    count = in.readInt();
    oldestKept = in.readLong();
  }
}
