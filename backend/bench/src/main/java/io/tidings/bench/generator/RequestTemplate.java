package io.tidings.bench.generator;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bytes of one benchmark POST, built from a {@link PostSpec}: the head and the literal parts of
 * the URI and the body are encoded once, so each request costs only its holes (marker, recipient,
 * number, caller) and one copy. The URI may hold holes too (Nchan names its channel in the path).
 * A caller's {@code Authorization} header line is encoded the first time it is used.
 */
final class RequestTemplate {

  private static final byte[] MARKER_START = "bench:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MARKER_END = {';'};
  private static final int MARKER = 0;
  private static final int RECIPIENT = 1;
  private static final int SEQUENCE = 2;
  private static final int CALLER = 3;
  private static final String[] HOLES = {PostSpec.MARKER, PostSpec.RECIPIENT, PostSpec.SEQUENCE, PostSpec.CALLER};
  private static final byte[] NO_HEADER = new byte[0];

  /** A text cut at its holes: literals[i], then holes[i] (MARKER, RECIPIENT, SEQUENCE or CALLER), ..., the last literal. */
  private record Parts(byte[][] literals, int[] holes) {

    static Parts of(String text) {
      List<byte[]> literals = new ArrayList<>();
      List<Integer> holes = new ArrayList<>();
      String rest = text;
      while (true) {
        int next = -1;
        int kind = -1;
        for (int k = 0; k < HOLES.length; k++) {
          int at = rest.indexOf(HOLES[k]);
          if (at >= 0 && (next < 0 || at < next)) {
            next = at;
            kind = k;
          }
        }
        if (next < 0) {
          literals.add(rest.getBytes(StandardCharsets.UTF_8));
          break;
        }
        literals.add(rest.substring(0, next).getBytes(StandardCharsets.UTF_8));
        holes.add(kind);
        rest = rest.substring(next + HOLES[kind].length());
      }
      return new Parts(literals.toArray(new byte[0][]), holes.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  private final Parts uri;
  private final byte[] headStart;
  private final byte[] headRest;
  private final Callers callers;
  private final byte[][] authorizationLines;
  private final Parts body;
  private final int recipients;
  private final SplittableRandom random;
  private final int stride;
  private long sequence;
  private byte[] line = new byte[256];
  private byte[] content = new byte[1024];

  RequestTemplate(PostSpec spec) {
    uri = Parts.of(spec.uri());
    headStart = (" HTTP/1.1\r\nHost: " + spec.host() + ":" + spec.port() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    headRest = ("Content-Type: " + spec.contentType() + "\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    callers = spec.callers();
    authorizationLines = new byte[callers.authorizations().size()][];
    body = Parts.of(spec.bodyTemplate());
    recipients = Math.max(1, spec.recipients());
    random = new SplittableRandom(spec.seed());
    sequence = spec.sequenceStart();
    stride = Math.max(1, spec.sequenceStride());
  }

  /** A request whose marker says it was sent at {@code sentNanos}, from no caller. */
  Buffer build(long sentNanos) {
    return build(sentNanos, -1);
  }

  /** A request sent at {@code sentNanos} by {@code caller} (see {@link Callers#of}; -1 for none). */
  Buffer build(long sentNanos, int caller) {
    line = ensure(line, 5);
    System.arraycopy("POST ".getBytes(StandardCharsets.US_ASCII), 0, line, 0, 5);
    int lineLength = fill(uri, sentNanos, caller, 5, true);
    int length = fill(body, sentNanos, caller, 0, false);
    sequence += stride;
    byte[] contentLength = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
    byte[] authorization = authorizationLine(caller);
    byte[] request = new byte[lineLength + headStart.length + authorization.length + headRest.length
      + contentLength.length + 4 + length];
    int at = 0;
    System.arraycopy(line, 0, request, at, lineLength);
    at += lineLength;
    System.arraycopy(headStart, 0, request, at, headStart.length);
    at += headStart.length;
    System.arraycopy(authorization, 0, request, at, authorization.length);
    at += authorization.length;
    System.arraycopy(headRest, 0, request, at, headRest.length);
    at += headRest.length;
    System.arraycopy(contentLength, 0, request, at, contentLength.length);
    at += contentLength.length;
    request[at++] = '\r';
    request[at++] = '\n';
    request[at++] = '\r';
    request[at++] = '\n';
    System.arraycopy(content, 0, request, at, length);
    return Buffer.buffer(request);
  }

  private byte[] authorizationLine(int caller) {
    String value = callers.authorization(caller);
    if (value == null) {
      return NO_HEADER;
    }
    if (authorizationLines[caller] == null) {
      authorizationLines[caller] = ("Authorization: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
    return authorizationLines[caller];
  }

  /** Writes {@code parts} with their holes filled into the request line or the body from {@code at}; the new end. */
  private int fill(Parts parts, long sentNanos, int caller, int at, boolean intoLine) {
    for (int i = 0; i < parts.literals().length; i++) {
      at = put(parts.literals()[i], at, intoLine);
      if (i < parts.holes().length) {
        switch (parts.holes()[i]) {
          case MARKER -> {
            at = put(MARKER_START, at, intoLine);
            at = putNumber(sentNanos, at, intoLine);
            at = put(MARKER_END, at, intoLine);
          }
          case RECIPIENT -> at = putNumber(random.nextInt(recipients), at, intoLine);
          case CALLER -> {
            if (caller < 0) {
              throw new IllegalStateException("the POST names its caller, but the run has none");
            }
            at = putNumber(caller, at, intoLine);
          }
          default -> at = putNumber(sequence, at, intoLine);
        }
      }
    }
    return at;
  }

  private int put(byte[] bytes, int at, boolean intoLine) {
    byte[] to = target(at + bytes.length, intoLine);
    System.arraycopy(bytes, 0, to, at, bytes.length);
    return at + bytes.length;
  }

  private int putNumber(long value, int at, boolean intoLine) {
    byte[] to = target(at + 20, intoLine);
    if (value < 0) {
      to[at++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value / 10; v > 0; v /= 10) {
      digits++;
    }
    for (int i = at + digits - 1; i >= at; i--) {
      to[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + digits;
  }

  /** The request line's or the body's array, grown to hold {@code size} bytes. */
  private byte[] target(int size, boolean intoLine) {
    if (intoLine) {
      line = ensure(line, size);
      return line;
    }
    content = ensure(content, size);
    return content;
  }

  private static byte[] ensure(byte[] bytes, int size) {
    return size > bytes.length ? java.util.Arrays.copyOf(bytes, Math.max(size, bytes.length * 2)) : bytes;
  }
}
