package io.tidings.hub;

import java.util.Map;

/**
 * Where a new stream starts: now, the last {@code count} events of its channels
 * ({@code ?history=N}), or after an id it was given ({@code Last-Event-ID} or {@code ?lastEventId=}).
 *
 * @param positions for a resume, the positions the id names by channel tag; {@code null} when the
 *                  id could not be read
 */
public record StartPoint(Kind kind, int count, Map<String, Position> positions) {

  public enum Kind { NOW, LATEST, RESUME }

  public static final StartPoint NOW = new StartPoint(Kind.NOW, 0, null);

  public static StartPoint latest(int count) {
    return count == 0 ? NOW : new StartPoint(Kind.LATEST, count, null);
  }

  /** From an id as the client sent it; an unreadable one still resumes, with everything kept and a {@code missed}. */
  public static StartPoint resume(String lastEventId) {
    return new StartPoint(Kind.RESUME, 0, Cursor.parse(lastEventId));
  }
}
