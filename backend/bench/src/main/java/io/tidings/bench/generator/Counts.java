package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * What the generators count, in one place: per stream shard, summed per generator process, sent
 * to the controller as JSON and summed again over the processes.
 */
public record Counts(long events, long messages, long bytes, int open, int dropped, long reconnects,
                     Histogram latencyMicros) {

  private static final long HIGHEST_MICROS = 3_600_000_000L;

  public static Counts sum(Iterable<Counts> parts) {
    long events = 0;
    long messages = 0;
    long bytes = 0;
    int open = 0;
    int dropped = 0;
    long reconnects = 0;
    Histogram merged = new Histogram(HIGHEST_MICROS, 3);
    for (Counts c : parts) {
      events += c.events;
      messages += c.messages;
      bytes += c.bytes;
      open += c.open;
      dropped += c.dropped;
      reconnects += c.reconnects;
      merged.add(c.latencyMicros);
    }
    return new Counts(events, messages, bytes, open, dropped, reconnects, merged);
  }

  public JsonObject toJson() {
    ByteBuffer buffer = ByteBuffer.allocate(latencyMicros.getNeededByteBufferCapacity());
    int length = latencyMicros.encodeIntoCompressedByteBuffer(buffer);
    return new JsonObject().put("events", events).put("messages", messages).put("bytes", bytes)
      .put("open", open).put("dropped", dropped).put("reconnects", reconnects)
      .put("latencyMicros", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
  }

  public static Counts fromJson(JsonObject json) {
    Histogram latency;
    try {
      latency = Histogram.decodeFromCompressedByteBuffer(
        ByteBuffer.wrap(Base64.getDecoder().decode(json.getString("latencyMicros"))), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("a generator sent an unreadable histogram", e);
    }
    return new Counts(json.getLong("events"), json.getLong("messages"), json.getLong("bytes"),
      json.getInteger("open"), json.getInteger("dropped"), json.getLong("reconnects", 0L), latency);
  }
}
