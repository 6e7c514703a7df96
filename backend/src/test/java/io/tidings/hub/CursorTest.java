package io.tidings.hub;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The SSE id reads back as the positions it was written from, and nothing else reads at all. */
class CursorTest {

  @Test
  void anIdReadsBackAsItsPositions() {
    String id = Cursor.join(new String[] {
      Cursor.entry("a", new Position(123456789L, 42)), Cursor.entry("u", new Position(0, 0))});
    assertEquals("a.21i3v9.16_u.0.0", id);
    assertEquals(Map.of("a", new Position(123456789L, 42), "u", Position.BEGINNING), Cursor.parse(id));
  }

  @Test
  void anythingElseIsUnreadable() {
    for (String bad : new String[] {"", "a", "a.1", "a.1.1.1", "A.1.1", "a.1.-1", "a.1.1_", "a.1.1__u.1.1",
      "a.1.1_a.2.2", "a.1234567890123.1", "a.1.1\n", "a.1.1_u.1.1 ", "é.1.1", "x".repeat(300)}) {
      assertNull(Cursor.parse(bad), bad);
    }
    assertNull(Cursor.parse(null));
  }
}
