package io.tidings.sse;

import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users type arrives exactly as typed, and cannot break the stream's framing. */
class FramingTest {

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void multiLineAndUnicodeMessagesArriveByteIdentical() {
    try (EventStream bob = node.connect("bob")) {
      String[] texts = {
        "line one\nline two",
        "windows\r\nline\r\nends",
        "old mac\rline",
        "trailing newline\n",
        "  leading spaces and\ttab",
        "héllo wörld 🌍👩‍👩‍👧 日本語 עברית \u2028\u2029 \u0000 nul",
      };
      for (String text : texts) {
        node.send("alice", text, null);
        JsonObject received = bob.awaitMessage(text);
        assertEquals(text, received.getString("message"));
        assertTrue(java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8),
          received.getString("message").getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  @Test
  void injectedFieldsAndEventsStayInsideTheData() {
    try (EventStream bob = node.connect("bob")) {
      String attack = "hi\n\nevent: x\ndata: forged\nid: 999\n\nretry: 1\n\n";
      String id = node.send("mallory", attack, null);
      JsonObject received = bob.awaitMessage(attack);

      assertEquals(attack, received.getString("message"));
      assertTrue(bob.events().stream().noneMatch(e -> "x".equals(e.event()) || "forged".equals(e.data())
        || "999".equals(e.id())), "no forged event, data or id");
      // on the wire: one data line holding the message, then the id line and a blank line; nothing else
      assertTrue(java.util.regex.Pattern.compile("\ndata: \\{[^\n]*\"id\":\"" + id + "\"[^\n]*\nid: [a-z0-9._]+\n\n")
        .matcher(bob.raw()).find(), bob.raw());
      for (String line : bob.raw().split("\n")) {
        assertFalse(line.startsWith("event: x") || line.startsWith("id: 999") || line.startsWith("retry: 1"),
          "forged line on the wire: " + line);
      }
    }
  }

  @Test
  void theWireUsesLineFeedsOnlyAndEveryEventEndsWithABlankLine() {
    try (EventStream bob = node.connect("bob")) {
      node.send("alice", "a\r\nb", null);
      bob.awaitMessage("a\r\nb");
      String raw = bob.raw();
      assertFalse(raw.contains("\r"), "no CR on the wire");
      assertTrue(raw.startsWith("retry: "), "the stream opens with the retry field");
      // every event block (after the retry line) ends with a blank line
      for (String block : raw.substring(raw.indexOf('\n') + 1).split("\n\n")) {
        assertFalse(block.isEmpty() || block.contains("\n\n"), "empty or unterminated block: " + block);
      }
      assertTrue(raw.endsWith("\n\n"), "the last event is terminated");
    }
  }
}
