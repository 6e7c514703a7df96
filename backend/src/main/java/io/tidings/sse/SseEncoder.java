package io.tidings.sse;

import io.tidings.bus.BusEvent;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * The one place that knows the Server-Sent Events wire format (WHATWG HTML, "Server-sent events").
 * Lines end with LF only; data is split on every CR LF, CR or LF so that no text can start a new
 * field or event; every event ends with a blank line.
 */
public final class SseEncoder {

  /** A lone comment line: keeps idle connections alive without dispatching an event. */
  public static final Buffer HEARTBEAT = Buffer.buffer(":\n");

  private SseEncoder() {
  }

  /** Encoded once per message; the same bytes then go to every receiving connection. */
  public static Buffer encode(BusEvent event) {
    return encode(event.event(), event.id(), event.dataText());
  }

  public static Buffer encode(String event, String id, String data) {
    return Buffer.buffer(fields(event, id, data).append('\n').toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An event without its id and its end, encoded once for a whole fan-out: each stream then adds
   * {@link #idAndEnd(String)} with its own position (the SSE format allows {@code id:} last).
   */
  public static Buffer encodeWithoutEnd(BusEvent event) {
    return Buffer.buffer(fields(event.event(), null, event.dataText()).toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Ends an event begun with {@link #encodeWithoutEnd(BusEvent)}. Ids are ASCII (see {@code Cursor}). */
  public static Buffer idAndEnd(String id) {
    return Buffer.buffer(id.length() + 6).appendString("id: ").appendString(id).appendString("\n\n");
  }

  private static StringBuilder fields(String event, String id, String data) {
    StringBuilder out = new StringBuilder(data.length() + 64);
    if (id != null) {
      out.append("id: ").append(id).append('\n');
    }
    if (event != null) {
      out.append("event: ").append(event).append('\n');
    }
    int start = 0;
    int length = data.length();
    for (int i = 0; i < length; i++) {
      char c = data.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append("data: ").append(data, start, i).append('\n');
        if (c == '\r' && i + 1 < length && data.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return out.append("data: ").append(data, start, length).append('\n');
  }

  /** The reconnection delay, sent first on every stream. Always numeric: some clients end the stream otherwise. */
  public static Buffer retry(int millis) {
    return Buffer.buffer("retry: " + millis + "\n");
  }
}
