package io.tidings.sse;

import io.tidings.support.HostileInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tidings.support.HostileInput.hostileText;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The encoder against the event-stream parsing rules of the WHATWG HTML standard, written out here
 * (not taken from any client) so that it checks the format rather than one reader of it. Calls
 * {@link SseEncoder} directly and starts no node: about 3,000 cases a run, no requests.
 */
class SseEncoderProperties {

  /** The wire format: whatever the text, type and id, the bytes parse back as exactly that one event. */
  @Property(tries = 3000)
  void everyEncodedEventParsesBackAsExactlyThatEvent(@ForAll("fieldValue") String event, @ForAll("fieldValue") String id,
                                                    @ForAll("eventData") String data) {
    String encoded = SseEncoder.encode(event, id, data).toString(StandardCharsets.UTF_8);
    List<String[]> events = SpecParser.parse(encoded);
    assertEquals(1, events.size(), encoded);
    String[] parsed = events.get(0);
    assertEquals(event == null ? "message" : event, parsed[0]);
    assertEquals(id == null ? "" : id, parsed[1]);
    assertEquals(data.replace("\r\n", "\n").replace('\r', '\n'), parsed[2]);
  }

  @Provide
  Arbitrary<String> fieldValue() {
    // what BusEvent lets through: non-empty, no line break, no NUL
    return Arbitraries.oneOf(Arbitraries.just(null),
      hostileText().map(s -> s.replaceAll("[\r\n\u0000]|[\ud800-\udfff]", "")).filter(s -> !s.isEmpty()));
  }

  @Provide
  Arbitrary<String> eventData() {
    return HostileInput.eventData();
  }

  /** The event-stream interpretation of the WHATWG HTML standard, for one stream's text: [type, last id, data]. */
  private static final class SpecParser {

    static List<String[]> parse(String stream) {
      List<String[]> dispatched = new java.util.ArrayList<>();
      StringBuilder data = new StringBuilder();
      String type = "";
      String lastId = "";
      String[] lines = stream.split("\r\n|\r|\n", -1);
      // the text after the last line break is an incomplete line, never processed
      for (int i = 0; i < lines.length - 1; i++) {
        String line = lines[i];
        if (line.isEmpty()) {
          if (data.length() > 0) {
            data.setLength(data.length() - 1);
            dispatched.add(new String[] {type.isEmpty() ? "message" : type, lastId, data.toString()});
          }
          data.setLength(0);
          type = "";
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "event" -> type = value;
          case "data" -> data.append(value).append('\n');
          case "id" -> lastId = value.indexOf('\u0000') >= 0 ? lastId : value;
          default -> { }
        }
      }
      return dispatched;
    }
  }
}
