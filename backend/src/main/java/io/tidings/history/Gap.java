package io.tidings.history;

/** Why a read could not start right after the position asked for. */
public enum Gap {
  /** Every event after the position is in the slice. */
  NONE,
  /** Events after the position were dropped (older than the history keeps, or beyond its count). */
  EXPIRED,
  /** The position is past the channel's last event: forged, or from a channel since reset. */
  UNKNOWN,
  /** The position names another incarnation of the channel (a restarted node, an evicted channel). */
  RESET;

  /** The word sent in a {@code missed} event. */
  public String reason() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
