package io.tidings.bench.generator;

/**
 * Reads one stream's raw bytes without parsing SSE: an event ends at a blank line ({@code "\n\n"}),
 * and a benchmark message carries {@code bench:<System.nanoTime() of the POST>;} in its text. One
 * pass over each byte, with the state carried between calls, so an event end or a marker split
 * across two reads or two HTTP chunks still counts once. It is given body bytes only: the
 * {@link ResponseDecoder} has already taken the chunk framing out.
 */
final class EventScanner {

  static final byte[] MARKER = "bench:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Receives what one range held. */
  interface Sink {
    void events(int count);

    void message(long sentNanos);
  }

  private byte previous;
  private int markerMatched;
  private boolean inNumber;
  private long number;

  /** Scans {@code data[from, to)}. */
  void scan(byte[] data, int from, int to, Sink sink) {
    int events = 0;
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (b == '\n' && previous == '\n') {
        events++;
      }
      previous = b;
      if (inNumber) {
        if (b >= '0' && b <= '9') {
          number = number * 10 + (b - '0');
          continue;
        }
        inNumber = false;
        sink.message(number);
      }
      if (b == MARKER[markerMatched]) {
        markerMatched++;
        if (markerMatched == MARKER.length) {
          markerMatched = 0;
          inNumber = true;
          number = 0;
        }
      } else {
        markerMatched = b == MARKER[0] ? 1 : 0;
      }
    }
    if (events > 0) {
      sink.events(events);
    }
  }
}
