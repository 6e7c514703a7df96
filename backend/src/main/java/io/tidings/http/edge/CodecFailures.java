package io.tidings.http.edge;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.InvalidChunkExtensionException;
import io.netty.handler.codec.http.InvalidChunkTerminationException;
import io.netty.handler.codec.http.InvalidLineSeparatorException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Turns what the decoder failed with into a status and a message a person can act on; Netty's own
 * messages and types never reach the client.
 */
final class CodecFailures {

  private CodecFailures() {
  }

  static CodecRefusal describeHead(Throwable cause, EdgeLimits limits) {
    if (cause instanceof CodecRefusal refusal) {
      return refusal;
    }
    if (cause instanceof TooLongHttpLineException) {
      return new CodecRefusal(414, "request line is longer than " + limits.maxRequestLineBytes() + " bytes");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new CodecRefusal(431, "header fields are larger than " + limits.maxHeaderBytes() + " bytes");
    }
    if (cause instanceof InvalidLineSeparatorException) {
      return new CodecRefusal(400, "lines of the request head must end with CRLF, not a bare LF");
    }
    String netty = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
    if (netty.contains("Content-Length")) {
      return new CodecRefusal(400, "Content-Length must be sent once, as a non-negative decimal number");
    }
    return new CodecRefusal(400,
      "malformed request head: the request line or a header field is not valid HTTP/1.1");
  }

  static String describeBody(Throwable cause) {
    if (cause instanceof NumberFormatException) {
      return "malformed chunked body: a chunk size is not a hexadecimal number of at most 31 bits";
    }
    if (cause instanceof InvalidChunkExtensionException) {
      return "malformed chunked body: a chunk-size line must end with CRLF, with extensions as ;name[=value]";
    }
    if (cause instanceof InvalidChunkTerminationException) {
      return "malformed chunked body: a chunk's data must be followed by CRLF (more bytes than its size declared?)";
    }
    if (cause instanceof InvalidLineSeparatorException) {
      return "malformed chunked body: trailer lines must end with CRLF";
    }
    if (cause instanceof TooLongFrameException) {
      return "malformed chunked body: the trailer fields are too large";
    }
    return "malformed chunked body";
  }
}
