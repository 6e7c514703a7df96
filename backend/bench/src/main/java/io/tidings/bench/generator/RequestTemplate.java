package io.tidings.bench.generator;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bytes of one benchmark POST, built from a {@link PostSpec}: the head and the body's literal
 * parts are encoded once, so each request costs only its marker, its recipient, its number and one copy.
 */
final class RequestTemplate {

  private static final byte[] MARKER_START = "bench:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MARKER_END = {';'};

  private final byte[] head;
  private static final int MARKER = 0;
  private static final int RECIPIENT = 1;
  private static final int SEQUENCE = 2;
  private static final String[] HOLES = {PostSpec.MARKER, PostSpec.RECIPIENT, PostSpec.SEQUENCE};

  private final byte[][] literals;
  // what follows literals[i]: MARKER, RECIPIENT or SEQUENCE
  private final int[] holes;
  private final int recipients;
  private final SplittableRandom random;
  private final int stride;
  private long sequence;
  private byte[] body = new byte[1024];

  RequestTemplate(PostSpec spec) {
    head = ("POST " + spec.uri() + " HTTP/1.1\r\nHost: " + spec.host() + ":" + spec.port()
      + "\r\nContent-Type: " + spec.contentType() + "\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    List<byte[]> parts = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    String rest = spec.bodyTemplate();
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
        parts.add(rest.getBytes(StandardCharsets.UTF_8));
        break;
      }
      parts.add(rest.substring(0, next).getBytes(StandardCharsets.UTF_8));
      kinds.add(kind);
      rest = rest.substring(next + HOLES[kind].length());
    }
    literals = parts.toArray(new byte[0][]);
    holes = kinds.stream().mapToInt(Integer::intValue).toArray();
    recipients = Math.max(1, spec.recipients());
    random = new SplittableRandom(spec.seed());
    sequence = spec.sequenceStart();
    stride = Math.max(1, spec.sequenceStride());
  }

  /** A request whose marker says it was sent at {@code sentNanos}. */
  Buffer build(long sentNanos) {
    int length = 0;
    for (int i = 0; i < literals.length; i++) {
      length = put(literals[i], length);
      if (i < holes.length) {
        switch (holes[i]) {
          case MARKER -> {
            length = put(MARKER_START, length);
            length = putNumber(sentNanos, length);
            length = put(MARKER_END, length);
          }
          case RECIPIENT -> length = putNumber(random.nextInt(recipients), length);
          default -> length = putNumber(sequence, length);
        }
      }
    }
    sequence += stride;
    byte[] contentLength = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + contentLength.length + 4 + length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(contentLength, 0, request, head.length, contentLength.length);
    int at = head.length + contentLength.length;
    request[at++] = '\r';
    request[at++] = '\n';
    request[at++] = '\r';
    request[at++] = '\n';
    System.arraycopy(body, 0, request, at, length);
    return Buffer.buffer(request);
  }

  private int put(byte[] bytes, int at) {
    ensure(at + bytes.length);
    System.arraycopy(bytes, 0, body, at, bytes.length);
    return at + bytes.length;
  }

  private int putNumber(long value, int at) {
    if (value < 0) {
      ensure(at + 1);
      body[at++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value / 10; v > 0; v /= 10) {
      digits++;
    }
    ensure(at + digits);
    for (int i = at + digits - 1; i >= at; i--) {
      body[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return at + digits;
  }

  private void ensure(int size) {
    if (size > body.length) {
      body = java.util.Arrays.copyOf(body, Math.max(size, body.length * 2));
    }
  }
}
