package io.tidings.hub;

/**
 * Where a reader stands in one channel: the incarnation ({@code epoch}, 0 before the channel had
 * any event) and the sequence of the last event it has (0 for none).
 */
public record Position(long epoch, long seq) {

  public static final Position BEGINNING = new Position(0, 0);
}
