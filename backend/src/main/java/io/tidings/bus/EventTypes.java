package io.tidings.bus;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of SSE event types. Tidings' own types mean something to every client; a publisher
 * may not send one, or a backend could fake a chat message or a "reconnect" to every browser.
 */
public final class EventTypes {

  public static final String MESSAGE = "message";
  public static final String WELCOME = "welcome";
  public static final String PRESENCE = "presence";
  public static final String MISSED = "missed";
  public static final String RECONNECT = "reconnect";
  public static final Set<String> RESERVED = Set.of(MESSAGE, WELCOME, PRESENCE, MISSED, RECONNECT);
  public static final int MAX_LENGTH = 64;
  public static final String RULE = "1 to " + MAX_LENGTH + " characters: a letter, then letters, digits, '.', '_', ':' or '-'";
  private static final Pattern VALID = Pattern.compile("[A-Za-z][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");

  private EventTypes() {
  }

  /** @return why a publisher may not use the type, or {@code null} when it may */
  public static String problem(String type) {
    if (!VALID.matcher(type).matches()) {
      return "field 'event' is not a valid event type (" + RULE + ")";
    }
    if (RESERVED.contains(type)) {
      return "field 'event' may not be '" + type + "': Tidings' own event types are " + String.join(", ", RESERVED.stream().sorted().toList());
    }
    return null;
  }
}
