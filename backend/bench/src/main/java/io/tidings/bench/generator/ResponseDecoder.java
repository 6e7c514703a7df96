package io.tidings.bench.generator;

/**
 * HTTP/1.1 response framing read from raw socket bytes: the status line, the two headers that
 * frame the body ({@code Content-Length}, {@code Transfer-Encoding: chunked}), then the body bytes
 * without chunk framing. A small state machine carried across reads, so any split of the bytes
 * into reads gives the same calls. After a response ends it reads the next one (keep-alive).
 * Enough for the two servers measured, not a general HTTP client: no 1xx, no trailers kept.
 */
final class ResponseDecoder {

  /** What a response held, in order: one {@code head}, body ranges, then {@code end}. */
  interface Listener {
    void head(int status);

    void body(byte[] data, int from, int to);

    /** The body is complete (never called for a body that lasts until the connection closes). */
    void end();
  }

  private static final int STATUS = 0;
  private static final int HEADER = 1;
  private static final int CHUNK_SIZE = 2;
  private static final int CHUNK_EXTENSION = 3;
  private static final int CHUNK_DATA = 4;
  private static final int CHUNK_DATA_END = 5;
  private static final int TRAILER = 6;
  private static final int LENGTH_BODY = 7;
  private static final int CLOSE_BODY = 8;

  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] CHUNKED = "chunked".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Listener listener;
  // the head line being read; longer lines are cut, only their starts matter
  private final byte[] line = new byte[256];
  private int lineLength;
  private int state = STATUS;
  private int status;
  private long contentLength;
  private boolean chunked;
  private long remaining;

  ResponseDecoder(Listener listener) {
    this.listener = listener;
  }

  /** Reads {@code data[0, length)}; throws {@link IllegalStateException} on bytes that are not HTTP. */
  void feed(byte[] data, int length) {
    int i = 0;
    while (i < length) {
      switch (state) {
        case CHUNK_DATA, LENGTH_BODY -> {
          int n = (int) Math.min(remaining, length - i);
          listener.body(data, i, i + n);
          i += n;
          remaining -= n;
          if (remaining == 0) {
            if (state == CHUNK_DATA) {
              state = CHUNK_DATA_END;
            } else {
              finish();
            }
          }
        }
        case CLOSE_BODY -> {
          listener.body(data, i, length);
          i = length;
        }
        default -> frame(data[i++]);
      }
    }
  }

  /** One byte of the head or of chunk framing. */
  private void frame(byte b) {
    switch (state) {
      case STATUS, HEADER, TRAILER -> {
        if (b != '\n') {
          if (lineLength < line.length) {
            line[lineLength++] = b;
          }
          return;
        }
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        headLine(length);
      }
      case CHUNK_SIZE -> {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
          remaining = remaining * 16 + digit;
        } else if (b == '\n') {
          chunkSizeRead();
        } else if (b == ';' || b == ' ' || b == '\t') {
          state = CHUNK_EXTENSION;
        } else if (b != '\r') {
          throw new IllegalStateException("bad chunk size byte " + (b & 0xff));
        }
      }
      case CHUNK_EXTENSION -> {
        if (b == '\n') {
          chunkSizeRead();
        }
      }
      case CHUNK_DATA_END -> {
        // the CRLF after a chunk's data
        if (b == '\n') {
          state = CHUNK_SIZE;
          remaining = 0;
        } else if (b != '\r') {
          throw new IllegalStateException("chunk data longer than its size");
        }
      }
      default -> throw new IllegalStateException("state " + state);
    }
  }

  private void headLine(int length) {
    if (state == STATUS) {
      if (length == 0) {
        return; // tolerate a stray blank line between responses
      }
      status = parseStatus(length);
      contentLength = -1;
      chunked = false;
      state = HEADER;
    } else if (state == TRAILER) {
      if (length == 0) {
        finish();
      }
    } else if (length > 0) {
      if (startsWithIgnoreCase(length, CONTENT_LENGTH)) {
        contentLength = parseLong(CONTENT_LENGTH.length, length);
      } else if (startsWithIgnoreCase(length, TRANSFER_ENCODING) && containsIgnoreCase(length, CHUNKED)) {
        chunked = true;
      }
    } else {
      listener.head(status);
      if (chunked) {
        state = CHUNK_SIZE;
        remaining = 0;
      } else if (contentLength > 0) {
        state = LENGTH_BODY;
        remaining = contentLength;
      } else if (contentLength == 0) {
        finish();
      } else {
        state = CLOSE_BODY;
      }
    }
  }

  private void chunkSizeRead() {
    if (remaining == 0) {
      state = TRAILER; // the last chunk: trailer lines, if any, then a blank line
    } else {
      state = CHUNK_DATA;
    }
  }

  private void finish() {
    state = STATUS;
    listener.end();
  }

  private int parseStatus(int length) {
    // "HTTP/1.1 200 OK"
    int space = 0;
    while (space < length && line[space] != ' ') {
      space++;
    }
    if (length < 5 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || space + 4 > length) {
      throw new IllegalStateException("not an HTTP status line");
    }
    int code = 0;
    for (int i = space + 1; i < space + 4; i++) {
      if (line[i] < '0' || line[i] > '9') {
        throw new IllegalStateException("not an HTTP status code");
      }
      code = code * 10 + (line[i] - '0');
    }
    return code;
  }

  private long parseLong(int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      byte b = line[i];
      if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
      } else if (b != ' ' && b != '\t') {
        throw new IllegalStateException("bad Content-Length");
      }
    }
    return value;
  }

  private boolean startsWithIgnoreCase(int length, byte[] lowerPrefix) {
    if (length < lowerPrefix.length) {
      return false;
    }
    for (int i = 0; i < lowerPrefix.length; i++) {
      if (lower(line[i]) != lowerPrefix[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean containsIgnoreCase(int length, byte[] lowerWord) {
    outer:
    for (int start = 0; start + lowerWord.length <= length; start++) {
      for (int i = 0; i < lowerWord.length; i++) {
        if (lower(line[start + i]) != lowerWord[i]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }
}
