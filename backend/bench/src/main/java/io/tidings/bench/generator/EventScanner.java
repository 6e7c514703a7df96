package io.tidings.bench.generator;

import java.nio.charset.StandardCharsets;

/**
 * Reads one stream's raw bytes in one pass, with the state carried between calls, so that an event
 * end, a field or a marker split across two reads or two HTTP chunks still counts once. It is given
 * body bytes only: the {@link ResponseDecoder} has already taken the chunk framing out.
 *
 * <p>It parses only what the benchmark needs: an event ends at a blank line; a benchmark message
 * carries {@code bench:<System.nanoTime() of the POST>;} in its text; the {@code id:} field is kept as
 * the stream's last event id, and the {@code event:} names {@code missed} and {@code reconnect} are
 * told to the sink. As in an EventSource, all of it takes effect when the event ends (the blank
 * line): an event cut off by a lost connection counts for nothing, its id is not kept, and a resume
 * from the last id asks for it again. The last id outlives {@link #newConnection()}, as an
 * EventSource's does across its reconnections.
 *
 * <p>Reading the fields costs about twice the CPU per byte (0.55 against 0.28 µs per broadcast
 * event here), so only a stream that resumes asks for it: the others count a blank line as an
 * event end and a marker as soon as its number ends, as before, so that the broadcast figures
 * stay comparable with earlier runs and the generators' share of the 2 cores does not grow.
 */
final class EventScanner {

  static final byte[] MARKER = "bench:".getBytes(StandardCharsets.US_ASCII);

  // longest id and event name kept; longer ones are cut (and then never match, nor resume)
  private static final int MAX_ID = 256;
  private static final int MAX_NAME = 16;

  private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MISSED = "missed".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECONNECT = "reconnect".getBytes(StandardCharsets.US_ASCII);

  /** Receives what one range held. */
  interface Sink {
    void events(int count);

    /** A benchmark message ended, sent at {@code sentNanos}. */
    void message(long sentNanos);

    /** An {@code event: missed} ended: the server could not replay from the id given. */
    default void missed() {
    }

    /** An {@code event: reconnect} ended: the server is going away. */
    default void reconnect() {
    }
  }

  // where a line is: reading its field name, its id or event value, or the rest (ignored)
  private static final int NAME = 0;
  private static final int ID_VALUE = 1;
  private static final int EVENT_VALUE = 2;
  private static final int REST = 3;
  private static final int COMMENT = 4;

  private static final int KIND_NONE = 0;
  private static final int KIND_MISSED = 1;
  private static final int KIND_RECONNECT = 2;

  private final boolean readFields;
  private byte previous;
  private int line = NAME;
  private final byte[] name = new byte[MAX_NAME];
  private int nameLength;
  private boolean valueStarted;
  private boolean blockHasLines;

  private byte[] pendingId = new byte[MAX_ID];
  private int pendingIdLength = -1; // -1: the event being read has no id field
  private byte[] lastId = new byte[MAX_ID];
  private int lastIdLength;
  private int pendingKind;

  private int markerMatched;
  private boolean inNumber;
  private long number;
  private long pendingMarker = -1;

  /** A scanner that reads ids and event names (a resuming stream), or only counts events and markers. */
  EventScanner(boolean readFields) {
    this.readFields = readFields;
  }

  /** Reads ids and event names. */
  EventScanner() {
    this(true);
  }

  /** Scans {@code data[from, to)}. */
  void scan(byte[] data, int from, int to, Sink sink) {
    if (readFields) {
      scanFields(data, from, to, sink);
    } else {
      scanCounts(data, from, to, sink);
    }
  }

  /** Events and markers only: a marker counts when its number ends, an event at any blank line. */
  private void scanCounts(byte[] data, int from, int to, Sink sink) {
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

  private void scanFields(byte[] data, int from, int to, Sink sink) {
    int events = 0;
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (inNumber) {
        if (b >= '0' && b <= '9') {
          number = number * 10 + (b - '0');
          continue;
        }
        inNumber = false;
        pendingMarker = number;
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
      if (b == '\n') {
        if (endLine(sink)) {
          events++;
        }
        continue;
      }
      switch (line) {
        case NAME -> {
          if (b == ':') {
            line = nameLength == 0 ? COMMENT : same(ID) ? ID_VALUE : same(EVENT) ? EVENT_VALUE : REST;
            valueStarted = false;
            if (line == ID_VALUE) {
              pendingIdLength = 0;
            } else if (line == EVENT_VALUE) {
              nameLength = 0; // the name buffer now holds the value
            }
          } else if (nameLength < MAX_NAME) {
            name[nameLength++] = b;
          } else {
            line = REST;
          }
        }
        case ID_VALUE -> {
          if (!valueStarted && b == ' ') {
            valueStarted = true; // one leading space is not part of the value
          } else {
            valueStarted = true;
            if (b != '\r' && pendingIdLength < MAX_ID) {
              pendingId[pendingIdLength++] = b;
            }
          }
        }
        case EVENT_VALUE -> {
          if (!valueStarted && b == ' ') {
            valueStarted = true;
          } else {
            valueStarted = true;
            if (b != '\r' && nameLength < MAX_NAME) {
              name[nameLength++] = b;
            }
          }
        }
        default -> {
          // a field this scanner does not read
        }
      }
    }
    if (events > 0) {
      sink.events(events);
    }
  }

  /** Ends a line; true when it was the blank line that ends an event. */
  private boolean endLine(Sink sink) {
    int was = line;
    boolean blank = was == NAME && nameLength == 0;
    if (was == NAME && same(ID)) {
      pendingIdLength = 0; // "id" alone: a field with an empty value
    } else if (was == EVENT_VALUE) {
      pendingKind = same(MISSED) ? KIND_MISSED : same(RECONNECT) ? KIND_RECONNECT : KIND_NONE;
    }
    line = NAME;
    nameLength = 0;
    if (!blank) {
      // a comment (a keep-alive) is no part of an event: a blank line after one alone ends nothing
      blockHasLines |= was != COMMENT;
      return false;
    }
    if (!blockHasLines) {
      return false; // a blank line after a blank line (or at the start) ends nothing
    }
    dispatch(sink);
    return true;
  }

  private void dispatch(Sink sink) {
    if (pendingIdLength >= 0) {
      byte[] swap = lastId;
      lastId = pendingId;
      lastIdLength = pendingIdLength;
      pendingId = swap;
    }
    if (pendingMarker >= 0) {
      sink.message(pendingMarker);
    }
    if (pendingKind == KIND_MISSED) {
      sink.missed();
    } else if (pendingKind == KIND_RECONNECT) {
      sink.reconnect();
    }
    clearEvent();
  }

  private void clearEvent() {
    blockHasLines = false;
    pendingIdLength = -1;
    pendingKind = KIND_NONE;
    pendingMarker = -1;
  }

  /**
   * A new connection of the same stream: whatever the last one left half read is dropped, the last
   * event id is kept.
   */
  void newConnection() {
    previous = 0;
    line = NAME;
    nameLength = 0;
    markerMatched = 0;
    inNumber = false;
    clearEvent();
  }

  /** The id of the last whole event that had one, or {@code null} when none had (or it was empty). */
  String lastEventId() {
    return lastIdLength == 0 ? null : new String(lastId, 0, lastIdLength, StandardCharsets.US_ASCII);
  }

  /** Whether the name buffer (a field's name, or an event's name once read) holds {@code word}. */
  private boolean same(byte[] word) {
    if (nameLength != word.length) {
      return false;
    }
    for (int i = 0; i < nameLength; i++) {
      if (name[i] != word[i]) {
        return false;
      }
    }
    return true;
  }
}
