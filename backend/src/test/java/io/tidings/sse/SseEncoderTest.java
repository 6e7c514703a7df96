package io.tidings.sse;

import io.tidings.bus.BusEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The wire format, byte for byte (WHATWG HTML, "Server-sent events"). */
class SseEncoderTest {

  private static String encode(String event, String id, String data) {
    return SseEncoder.encode(event, id, data).toString(StandardCharsets.UTF_8);
  }

  @Test
  void eventWithIdTypeAndDataEndsWithABlankLine() {
    assertEquals("id: 7\nevent: status\ndata: ok\n\n", encode("status", "7", "ok"));
  }

  @Test
  void defaultTypeEventHasNoEventField() {
    assertEquals("data: hello\n\n", encode(null, null, "hello"));
  }

  @Test
  void everyKindOfLineBreakStartsANewDataLine() {
    assertEquals("data: a\ndata: b\ndata: c\ndata: d\n\n", encode(null, null, "a\r\nb\rc\nd"));
    assertEquals("data: \ndata: \n\n", encode(null, null, "\n"));
    assertEquals("data: x\ndata: \ndata: \n\n", encode(null, null, "x\r\r"));
  }

  @Test
  void textCannotStartANewFieldOrEvent() {
    String encoded = encode(null, "1", "hi\n\nevent: evil\nid: 666\ndata: spoof");
    assertEquals("id: 1\ndata: hi\ndata: \ndata: event: evil\ndata: id: 666\ndata: data: spoof\n\n", encoded);
    for (String line : encoded.split("\n")) {
      assertFalse(line.startsWith("event:") || line.startsWith("id: 666"), line);
    }
  }

  @Test
  void leadingSpacesSurviveBecauseOneSpaceFollowsTheColon() {
    assertEquals("data:   indented\n\n", encode(null, null, "  indented"));
  }

  @Test
  void unicodeIsEncodedAsUtf8() {
    String text = "héllo wörld 🌍 日本語 \u2028";
    byte[] expected = ("data: " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, SseEncoder.encode(null, null, text).getBytes());
  }

  @Test
  void jsonDataIsOneLine() {
    JsonObject data = new JsonObject().put("message", "two\nlines");
    assertEquals("id: x\ndata: {\"message\":\"two\\nlines\"}\n\n",
      SseEncoder.encode(BusEvent.message("x", data)).toString());
  }

  @Test
  void eventNamesAndIdsWithLineBreaksAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> BusEvent.of("a\nb", "x"));
    assertThrows(IllegalArgumentException.class, () -> new BusEvent(null, "1\r2", "x"));
    assertThrows(IllegalArgumentException.class, () -> new BusEvent(null, "1\u00002", "x"));
  }

  @Test
  void heartbeatIsALoneCommentLineAndRetryIsNumeric() {
    assertEquals(":\n", SseEncoder.HEARTBEAT.toString());
    assertEquals("retry: 2000\n", SseEncoder.retry(2000).toString());
  }
}
