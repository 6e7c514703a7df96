package io.tidings.bench.generator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ResponseDecoder} and {@link EventScanner} together, as a stream is read: however the
 * server cuts the body into HTTP chunks and however TCP cuts the bytes into reads, each event
 * counts once, each marker parses whole, and chunk framing is never taken for event bytes; the
 * same whether the scanner reads fields (a resuming stream) or only counts.
 */
class StreamScanningTest {

  private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
    + "cache-control: no-cache\r\ntransfer-encoding: chunked\r\n\r\n";
  private static final String BODY = "retry: 2000\n"
    + "event: welcome\ndata: {\"user\":\"u1\"}\n\n"
    + "id: a1\ndata: {\"message\":\"bench:123456789012;\"}\n\n"
    + "id: a2\ndata: {\"message\":\"bench:42;\",\"to\":\"u1\"}\n\n";

  @ParameterizedTest(name = "reading fields: {0}")
  @ValueSource(booleans = {true, false})
  void anEventEndOrMarkerSplitByAChunkBoundaryCountsOnceAtEveryOffset(boolean readFields) {
    byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
    for (int cut = 0; cut <= body.length; cut++) {
      byte[] wire = response(HEAD, chunked(body, cut));
      Recorder r = Recorder.feedWhole(wire, readFields);
      assertEquals(3, r.events, "events with a chunk boundary at " + cut);
      assertEquals(List.of(123456789012L, 42L), r.markers, "markers with a chunk boundary at " + cut);
    }
  }

  @ParameterizedTest(name = "reading fields: {0}")
  @ValueSource(booleans = {true, false})
  void everyByteInItsOwnChunkStillCountsEachEventOnce(boolean readFields) {
    byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    for (byte b : body) {
      chunks.writeBytes(chunk(new byte[] {b}));
    }
    Recorder r = Recorder.feedWhole(response(HEAD, chunks.toByteArray()), readFields);
    assertEquals(3, r.events);
    assertEquals(List.of(123456789012L, 42L), r.markers);
    assertEquals(body.length, r.bodyBytes, "only event bytes reach the scanner");
  }

  @ParameterizedTest(name = "reading fields: {0}")
  @ValueSource(booleans = {true, false})
  void chunkFramingIsNeverReadAsEventBytes(boolean readFields) {
    // an event end cut by framing ("data:\n" | "\n"), and a size line whose extension looks like a
    // marker: scanned as body, the framing would hide the first blank line and add a message
    String wire = HEAD
      + "6;bench:7;\r\ndata:\n\r\n"
      + "1\r\n\n\r\n"
      + "9\r\ndata: x\n\n\r\n"
      + "0\r\n\r\n";
    Recorder r = Recorder.feedWhole(wire.getBytes(StandardCharsets.US_ASCII), readFields);
    assertEquals(List.of(), r.markers, "a marker in chunk framing is not a message");
    assertEquals(2, r.events, "the body's two blank lines, one of them cut by a chunk boundary");
    assertEquals(16, r.bodyBytes, "chunk data only");
    assertEquals(1, r.ends, "the last chunk ends the response");
  }

  @ParameterizedTest(name = "reading fields: {0}")
  @ValueSource(booleans = {true, false})
  void markersAndEventsSplitAcrossReadsParseAtEveryOffset(boolean readFields) {
    byte[] wire = response(HEAD, chunked(BODY.getBytes(StandardCharsets.US_ASCII), 40));
    for (int cut = 0; cut <= wire.length; cut++) {
      Recorder r = Recorder.feedSplit(wire, cut, readFields);
      assertEquals(200, r.status, "status with a read boundary at " + cut);
      assertEquals(1, r.heads, "one head with a read boundary at " + cut);
      assertEquals(3, r.events, "events with a read boundary at " + cut);
      assertEquals(List.of(123456789012L, 42L), r.markers, "markers with a read boundary at " + cut);
    }
  }

  @ParameterizedTest(name = "reading fields: {0}")
  @ValueSource(booleans = {true, false})
  void aRefusedStreamReportsItsStatusAndCarriesNoEvents(boolean readFields) {
    String wire = "HTTP/1.1 400 Bad Request\r\nContent-Length: 17\r\n\r\n{\"a\":\"bench:5;\"}\n";
    Recorder r = Recorder.feedWhole(wire.getBytes(StandardCharsets.US_ASCII), readFields);
    assertEquals(400, r.status);
    assertEquals(1, r.ends);
  }

  @ParameterizedTest(name = "reading fields: {0}")
  @ValueSource(booleans = {true, false})
  void keepAliveAnswersFollowEachOtherWhateverTheReads(boolean readFields) {
    String one = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 16\r\n\r\n{\"succeeded\":ok}";
    String two = "HTTP/1.1 404 Not Found\r\nCONTENT-LENGTH: 2\r\n\r\n{}";
    String three = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    byte[] wire = (one + two + three).getBytes(StandardCharsets.US_ASCII);
    for (int cut = 0; cut <= wire.length; cut++) {
      Recorder r = Recorder.feedSplit(wire, cut, readFields);
      assertEquals(List.of(200, 404, 201), r.statuses, "statuses with a read boundary at " + cut);
      assertEquals(3, r.ends, "answers ended with a read boundary at " + cut);
    }
  }

  private static byte[] response(String head, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** {@code body} as two chunks cut at {@code cut} (an empty part is left out, as servers do). */
  private static byte[] chunked(byte[] body, int cut) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (cut > 0) {
      out.writeBytes(chunk(java.util.Arrays.copyOfRange(body, 0, cut)));
    }
    if (cut < body.length) {
      out.writeBytes(chunk(java.util.Arrays.copyOfRange(body, cut, body.length)));
    }
    return out.toByteArray();
  }

  private static byte[] chunk(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** What a stream reader would see: heads, body bytes through the scanner, ends. */
  private static final class Recorder implements ResponseDecoder.Listener, EventScanner.Sink {
    private final EventScanner scanner;
    private final List<Long> markers = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();
    private int status;
    private int heads;
    private int ends;
    private int events;
    private int bodyBytes;

    private Recorder(boolean readFields) {
      scanner = new EventScanner(readFields);
    }

    static Recorder feedWhole(byte[] wire, boolean readFields) {
      return feedSplit(wire, wire.length, readFields);
    }

    /** Two reads, {@code [0, cut)} and {@code [cut, end)}, each from a fresh array as a socket gives them. */
    static Recorder feedSplit(byte[] wire, int cut, boolean readFields) {
      Recorder r = new Recorder(readFields);
      ResponseDecoder decoder = new ResponseDecoder(r);
      byte[] first = java.util.Arrays.copyOfRange(wire, 0, cut);
      byte[] second = java.util.Arrays.copyOfRange(wire, cut, wire.length);
      decoder.feed(first, first.length);
      decoder.feed(second, second.length);
      return r;
    }

    @Override
    public void head(int status) {
      this.status = status;
      statuses.add(status);
      heads++;
    }

    @Override
    public void body(byte[] data, int from, int to) {
      bodyBytes += to - from;
      scanner.scan(data, from, to, this);
    }

    @Override
    public void end() {
      ends++;
    }

    @Override
    public void events(int count) {
      events += count;
    }

    @Override
    public void message(long sentNanos) {
      markers.add(sentNanos);
    }
  }
}
