package io.tidings.http.edge;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpConstants;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.List;
import java.util.Locale;

/** The checks of a request head that Netty's decoder does not make. */
final class HeadRules {

  private HeadRules() {
  }

  /** Refuses framing two parsers could read differently (RFC 9112 sections 6.1 and 6.3). */
  static void checkFraming(HttpHeaders headers) {
    if (!headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      return; // the common case, without a list allocated per request
    }
    List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      throw new CodecRefusal(400, "Content-Length and Transfer-Encoding must not both be sent");
    }
    if (codings.size() > 1) {
      throw new CodecRefusal(400, "Transfer-Encoding must be sent once, as one list");
    }
    String[] list = codings.get(0).split(",", -1);
    for (int i = 0; i < list.length; i++) {
      String coding = list[i].trim().toLowerCase(Locale.ROOT);
      if (coding.isEmpty()) {
        throw new CodecRefusal(400, "Transfer-Encoding '" + codings.get(0) + "' is not a list of codings");
      }
      if (coding.equals("chunked") && i != list.length - 1) {
        throw new CodecRefusal(400, "chunked must be the last transfer coding, and appear once");
      }
    }
    for (String coding : list) {
      String name = coding.trim().toLowerCase(Locale.ROOT);
      if (!name.equals("chunked")) {
        throw new CodecRefusal(501, "transfer coding '" + coding.trim() + "' is not supported; only chunked is");
      }
    }
  }

  /** Whether a complete line of the head in the buffer starts with SP or HT (Netty would unfold it). */
  static boolean foldedLine(ByteBuf buffer, boolean requestLineFirst) {
    int i = buffer.readerIndex();
    int end = buffer.writerIndex();
    if (requestLineFirst) {
      int lf = buffer.indexOf(i, end, HttpConstants.LF);
      if (lf < 0) {
        return false;
      }
      i = lf + 1;
    }
    while (i < end) {
      byte first = buffer.getByte(i);
      if (first == ' ' || first == '\t') {
        return true;
      }
      if (first == HttpConstants.CR || first == HttpConstants.LF) {
        return false; // the empty line: the head ends here
      }
      int lf = buffer.indexOf(i, end, HttpConstants.LF);
      if (lf < 0) {
        return false;
      }
      i = lf + 1;
    }
    return false;
  }
}
