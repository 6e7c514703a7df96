package io.tidings.hub.impl;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.tidings.history.ChannelLog;
import io.tidings.history.StoredEvent;

import java.io.IOException;
import java.util.Map;

/**
 * Appends one event to a channel's log on the member that owns it, and returns
 * {@code [epoch, seq]}. Runs again, unchanged, on the backup: everything it decides (the time, the
 * epoch of a new log) travels with it, so both copies stamp the same sequence.
 */
public final class Append implements EntryProcessor<String, ChannelLog, long[]>, DataSerializable {

  private long time;
  private String json;
  private long newEpoch;
  private int maxSize;
  private long maxAge;

  /** For Hazelcast's deserialization. */
  public Append() {
  }

  Append(long time, String json, long newEpoch, int maxSize, long maxAge) {
    this.time = time;
    this.json = json;
    this.newEpoch = newEpoch;
    this.maxSize = maxSize;
    this.maxAge = maxAge;
  }

  @Override
  public long[] process(Map.Entry<String, ChannelLog> entry) {
    ChannelLog log = entry.getValue();
    if (log == null) {
      log = new ChannelLog(newEpoch);
    }
    StoredEvent stored = log.append(time, json, maxSize, maxAge);
    // in OBJECT format the log was changed in place; setValue records the change (and resets max-idle)
    entry.setValue(log);
    return new long[] {log.epoch(), stored.seq()};
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(time);
    out.writeString(json);
    out.writeLong(newEpoch);
    out.writeInt(maxSize);
    out.writeLong(maxAge);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    time = in.readLong();
    json = in.readString();
    newEpoch = in.readLong();
    maxSize = in.readInt();
    maxAge = in.readLong();
  }
}
