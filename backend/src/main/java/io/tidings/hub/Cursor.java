package io.tidings.hub;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SSE {@code id:} of a stream: where it stands in every channel it follows. Opaque to clients;
 * for operators, entries joined by {@code _}, each {@code TAG.EPOCH.SEQ} with base-36 numbers, the
 * tag naming the channel relative to the stream ({@code a} everyone, {@code u} the stream's own
 * user): {@code a.k3x9f2.1z_u.9fj2.4}. The tags make the id say nothing about whose channel it is:
 * the stream's user chooses the channels, the id only positions within them.
 */
public final class Cursor {

  /** Longer than any id this server writes while channels are few; anything longer is not ours. */
  public static final int MAX_LENGTH = 256;

  private static final int RADIX = 36;
  private static final Pattern ENTRY = Pattern.compile("([a-z]{1,8})\\.([0-9a-z]{1,12})\\.([0-9a-z]{1,12})");

  private Cursor() {
  }

  /** One channel's part of an id. */
  public static String entry(String tag, Position position) {
    return tag + '.' + Long.toString(position.epoch(), RADIX) + '.' + Long.toString(position.seq(), RADIX);
  }

  /** An id from its channels' parts, in the stream's order. */
  public static String join(String[] entries) {
    return String.join("_", entries);
  }

  /** The positions an id names, by tag; {@code null} when the text is not an id this server wrote. */
  public static Map<String, Position> parse(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return null;
    }
    Map<String, Position> positions = new HashMap<>();
    for (String entry : id.split("_", -1)) {
      var match = ENTRY.matcher(entry);
      if (!match.matches()) {
        return null;
      }
      Position position = new Position(Long.parseLong(match.group(2), RADIX), Long.parseLong(match.group(3), RADIX));
      if (positions.put(match.group(1), position) != null) {
        return null;
      }
    }
    return positions;
  }
}
