package io.tidings.http.edge;

import io.netty.buffer.ByteBuf;

/**
 * The chunk extensions of RFC 9112 section 7.1.1 ({@code 1c;name=value}), which HTTP/1.1 recipients
 * must accept and may ignore. Netty 4.2.12 refuses a valid one whose value is a token ({@code ;ext=1}):
 * its validator ends in a state its {@code finish()} does not count as final. So the decoder checks
 * the extensions here and blanks valid ones out before Netty reads the line.
 */
final class ChunkExtensions {

  private ChunkExtensions() {
  }

  /**
   * If the chunk-size line {@code [start, end)} (CRLF excluded) carries extensions and they are valid,
   * overwrites them with spaces, which Netty reads as the end of the size. Invalid ones are left for
   * Netty to refuse.
   */
  static void blankValid(ByteBuf buffer, int start, int end) {
    int semicolon = buffer.indexOf(start, end, (byte) ';');
    if (semicolon < 0 || buffer.isReadOnly() || !valid(buffer, semicolon, end)) {
      return;
    }
    for (int i = semicolon; i < end; i++) {
      buffer.setByte(i, ' ');
    }
  }

  /** chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ) */
  static boolean valid(ByteBuf line, int from, int end) {
    int i = from;
    while (i < end) {
      i = skipWhitespace(line, i, end);
      if (i == end) {
        return true;
      }
      if (line.getByte(i) != ';') {
        return false;
      }
      i = skipWhitespace(line, i + 1, end);
      int nameEnd = token(line, i, end);
      if (nameEnd == i) {
        return false;
      }
      i = skipWhitespace(line, nameEnd, end);
      if (i < end && line.getByte(i) == '=') {
        i = skipWhitespace(line, i + 1, end);
        int valueEnd = i < end && line.getByte(i) == '"' ? quoted(line, i, end) : token(line, i, end);
        if (valueEnd <= i) {
          return false;
        }
        i = valueEnd;
      }
    }
    return true;
  }

  private static int skipWhitespace(ByteBuf line, int i, int end) {
    while (i < end && (line.getByte(i) == ' ' || line.getByte(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int token(ByteBuf line, int i, int end) {
    while (i < end && isTokenChar(line.getByte(i))) {
      i++;
    }
    return i;
  }

  /** The index after the closing quote, or -1 when the string is not closed or holds a control byte. */
  private static int quoted(ByteBuf line, int i, int end) {
    for (i++; i < end; i++) {
      byte b = line.getByte(i);
      if (b == '"') {
        return i + 1;
      }
      if (b == '\\') {
        i++;
      } else if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isTokenChar(byte b) {
    return b > 0x20 && b < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(b) < 0;
  }
}
