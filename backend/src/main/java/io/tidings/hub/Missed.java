package io.tidings.hub;

import io.tidings.config.HistoryOptions;
import io.tidings.history.Gap;

/** The words of a {@code missed} event: what was lost and what follows. */
final class Missed {

  private Missed() {
  }

  static String explain(Gap gap, HistoryOptions history) {
    return switch (gap) {
      case EXPIRED -> "some events after your last event id are no longer kept (this server keeps "
        + history.getSize() + " events per channel for " + history.getSeconds() + " seconds); the ones still kept follow";
      case UNKNOWN -> "your last event id could not be read; every event still kept follows";
      case RESET -> "the history was started again since your last event id (a restarted server, or a channel "
        + "unused for long); every event still kept follows";
      case NONE -> "nothing was missed";
    };
  }
}
