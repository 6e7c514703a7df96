package io.tidings.sse;

import io.tidings.bus.BusEvent;
import io.tidings.metrics.TidingsMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes to the streams of one verticle instance, on its event loop. Events queued during one
 * turn of the loop go out as one write per stream once the deliveries already queued are done.
 * A stream past its queue bound is told to reconnect (and so to resume from its last id) and
 * ended; if its reader never gets that far, the connection is dropped after a grace period.
 */
public final class StreamWriter {

  /** How long a slow reader has to read up to its {@code reconnect} before its connection is dropped. */
  public static final long SLOW_GRACE_MILLIS = 2000;

  public static final Buffer RECONNECT_SLOW = SseEncoder.encode(BusEvent.of("reconnect",
    new JsonObject().put("reason", "the stream fell too far behind; reconnect to resume from your last event id")));

  private final Vertx vertx;
  private final Context context;
  private final TidingsMetrics metrics;
  private final List<SseStream> unflushed = new ArrayList<>();
  private boolean flushScheduled;

  public StreamWriter(Vertx vertx, Context context, TidingsMetrics metrics) {
    this.vertx = vertx;
    this.context = context;
    this.metrics = metrics;
  }

  public boolean send(SseStream stream, Buffer event) {
    return send(stream, event, null);
  }

  /** @return whether the stream took the event ({@code false}: it was too slow and is being closed) */
  public boolean send(SseStream stream, Buffer shared, Buffer own) {
    boolean queuedBefore = stream.hasPending();
    if (!stream.send(shared, own)) {
      metrics.slowStreamClosed();
      stream.endSlow(RECONNECT_SLOW);
      vertx.setTimer(SLOW_GRACE_MILLIS, id -> stream.abort());
      return false;
    }
    if (!queuedBefore && stream.hasPending()) {
      unflushed.add(stream);
      if (!flushScheduled) {
        flushScheduled = true;
        // runs after the tasks already queued: a burst of deliveries becomes one write per stream
        context.runOnContext(v -> flushAll());
      }
    }
    return true;
  }

  private void flushAll() {
    flushScheduled = false;
    for (SseStream stream : unflushed) {
      stream.flush();
    }
    unflushed.clear();
  }
}
