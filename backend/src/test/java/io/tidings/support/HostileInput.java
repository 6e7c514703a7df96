package io.tidings.support;

import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the hostile-input properties share: generators of text that breaks decoders, the bytes it
 * goes on the wire as, and the one oracle for an answer at any HTTP edge (a 2xx of the right kind
 * or a 4xx with the JSON error shape, never a 5xx, a silent close or a hang).
 */
public final class HostileInput {

  private HostileInput() {
  }

  /** Characters that break decoders: percent signs and half escapes, separators, controls, non-ASCII, digits of other scripts. */
  public static Arbitrary<String> hostileText() {
    Arbitrary<Character> tricky = Arbitraries.of('%', '%', 'z', 'Z', '0', 'f', 'F', '&', '=', '+', ';', '#', '?', '/',
      '\\', '.', '-', '_', ' ', '"', '\'', '<', '>', '{', '}', '\t', '\u0000', '\u007f', 'é', '١', '٣', '日', '\uffff',
      '\ud83c', '\udf0d', 'a', 'b', '1');
    return Arbitraries.oneOf(
      tricky.list().ofMaxSize(40).map(HostileInput::join),
      Arbitraries.strings().all().ofMaxLength(40),
      Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40));
  }

  /** Event data as a user may send it: line breaks of every kind and field-like text, no lone surrogates. */
  public static Arbitrary<String> eventData() {
    Arbitrary<Character> breaks = Arbitraries.of('\r', '\n', ':', ' ', 'd', 'a', 't', 'e', 'v', 'n', 'i', '\u2028', '\ud83c');
    return Arbitraries.oneOf(
      breaks.list().ofMaxSize(30).map(HostileInput::join),
      Arbitraries.strings().all().ofMaxLength(60))
      .map(s -> s.replaceAll("[\ud800-\udfff]", "x"));
  }

  public static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder(chars.size());
    chars.forEach(out::append);
    return out.toString();
  }

  /** Raw bytes as they go on the wire: the text's UTF-8 bytes, lone surrogates and all (as '?'). */
  public static byte[] wire(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Sends the head and then the body; see {@link #assertAnsweredProperly(TestNode, byte[])}. */
  public static RawHttp.Response assertAnsweredProperly(TestNode target, byte[] head, byte[] body) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head);
    request.writeBytes(body);
    return assertAnsweredProperly(target, request.toByteArray());
  }

  /**
   * Sends the raw request over a fresh socket (every read bounded by 5 s) and checks the answer:
   * no 5xx (but a 501 refusing a transfer coding), and an error is JSON that says why without
   * leaking internals. Returns the response with its body, or only its head for an event stream.
   */
  public static RawHttp.Response assertAnsweredProperly(TestNode target, byte[] request) {
    try (RawHttp connection = RawHttp.connect(target.port(), 5000)) {
      connection.send(request);
      RawHttp.Response response = connection.readHead();
      String context = new String(request, StandardCharsets.ISO_8859_1) + " -> " + response.status();
      assertTrue(response.status() < 500 || response.status() == 501 && isTransferCodingRefusal(request), context);
      String type = response.header("content-type");
      if (response.status() == 200 && type != null && type.startsWith("text/event-stream")) {
        return response;
      }
      response = readRest(connection, response);
      if (response.status() >= 400) {
        assertNotNull(type, "an error without a Content-Type: " + context);
        assertTrue(type.startsWith("application/json"), "error is not JSON: " + type + " " + context);
        JsonObject error = response.json();
        assertFalse(error.getBoolean("succeeded"), context);
        String message = error.getString("errorMessage");
        assertNotNull(message, context);
        assertFalse(message.isBlank(), context);
        assertFalse(message.contains("Exception") || message.contains("at io.") || message.contains("com.fasterxml"),
          "error text leaks internals: " + message);
      }
      return response;
    }
  }

  // readHead consumed the head; read the body by its Content-Length
  private static RawHttp.Response readRest(RawHttp connection, RawHttp.Response head) {
    String length = head.header("content-length");
    if (length == null || Integer.parseInt(length) == 0) {
      return head;
    }
    return new RawHttp.Response(head.status(), head.headers(), connection.readBody(Integer.parseInt(length)));
  }

  private static boolean isTransferCodingRefusal(byte[] request) {
    String text = new String(request, StandardCharsets.ISO_8859_1).toLowerCase();
    return text.contains("transfer-encoding");
  }
}
