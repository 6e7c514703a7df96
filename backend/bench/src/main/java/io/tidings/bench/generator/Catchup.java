package io.tidings.bench.generator;

import io.vertx.core.json.JsonObject;

/**
 * Where the tracked streams stand against {@code expected} distinct messages each: how many hold
 * them all, how many messages arrived more than once, how many {@code missed} events came (the
 * server could not replay), the fewest and most distinct messages a stream holds, and how many
 * have an event id (for Tidings: have had their welcome, so their place in the channels is set). Per stream
 * shard, summed per generator process and again over the processes, by the one {@link #sum}.
 */
public record Catchup(int tracked, int caughtUp, long duplicates, long missed, long fewest, long most, int withId) {

  public static Catchup sum(Iterable<Catchup> parts) {
    int tracked = 0;
    int caughtUp = 0;
    long duplicates = 0;
    long missed = 0;
    long fewest = Long.MAX_VALUE;
    long most = 0;
    int withId = 0;
    for (Catchup c : parts) {
      withId += c.withId;
      tracked += c.tracked;
      caughtUp += c.caughtUp;
      duplicates += c.duplicates;
      missed += c.missed;
      if (c.tracked > 0) {
        fewest = Math.min(fewest, c.fewest);
        most = Math.max(most, c.most);
      }
    }
    return new Catchup(tracked, caughtUp, duplicates, missed, tracked == 0 ? 0 : fewest, most, withId);
  }

  public JsonObject toJson() {
    return new JsonObject().put("tracked", tracked).put("caughtUp", caughtUp).put("duplicates", duplicates)
      .put("missed", missed).put("fewest", fewest).put("most", most).put("withId", withId);
  }

  public static Catchup fromJson(JsonObject json) {
    return new Catchup(json.getInteger("tracked"), json.getInteger("caughtUp"), json.getLong("duplicates"),
      json.getLong("missed"), json.getLong("fewest"), json.getLong("most"), json.getInteger("withId", 0));
  }
}
