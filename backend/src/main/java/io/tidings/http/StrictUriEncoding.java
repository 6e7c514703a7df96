package io.tidings.http;

import io.vertx.core.Handler;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * The first handler of every route: refuses (400) a path or query whose percent-encoding is broken
 * ({@code %}, {@code %zz}) or decodes to invalid UTF-8. Without it, Vert.x's lenient decoders throw
 * deep inside a handler or the router, and a client's typo became a 500 with a stack trace.
 */
final class StrictUriEncoding implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(StrictUriEncoding.class);

  @Override
  public void handle(RoutingContext ctx) {
    String problem = problem("request path", ctx.request().path(), false);
    if (problem == null) {
      problem = problem("query string", ctx.request().query(), true);
    }
    if (problem == null) {
      ctx.next();
      return;
    }
    // a client's mistake, not ours: one line for whoever debugs a client, no stack trace
    LOG.debug("Refused " + ctx.request().method() + ": " + problem);
    ErrorReply.send(ctx, 400, problem);
  }

  /** @return why {@code raw} is not valid percent-encoded UTF-8, or {@code null} when it is */
  static String problem(String what, String raw, boolean plusIsSpace) {
    if (raw == null || (raw.indexOf('%') < 0 && isAscii(raw))) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0 || raw.charAt(i + 1) > 0x7f || raw.charAt(i + 2) > 0x7f) {
          return what + " is not valid percent-encoding: '%' at offset " + i + " must be followed by two hex digits";
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(literal, 0, literal.length);
      }
    }
    return utf8Problem(what, bytes.toByteArray());
  }

  private static String utf8Problem(String what, byte[] decoded) {
    ByteBuffer in = ByteBuffer.wrap(decoded);
    try {
      StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in);
      return null;
    } catch (MalformedInputException e) {
      return what + " is not valid percent-encoding: its decoded bytes are not UTF-8 (at byte " + in.position() + ")";
    } catch (CharacterCodingException e) {
      return what + " is not valid percent-encoding: its decoded bytes are not UTF-8";
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }
}
