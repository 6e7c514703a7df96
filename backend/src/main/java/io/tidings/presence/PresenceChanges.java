package io.tidings.presence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Collects who changed between two presence publications and reports only the net change: a user
 * who joins and leaves within one interval is not announced at all. Not thread-safe.
 */
public final class PresenceChanges {

  // user -> whether they were online at the last publication
  private final Map<String, Boolean> wasOnline = new LinkedHashMap<>();

  public void record(String user, boolean onlineBefore) {
    wasOnline.putIfAbsent(user, onlineBefore);
  }

  public boolean isEmpty() {
    return wasOnline.isEmpty();
  }

  /** @return the net change, or {@code null} when nothing changed; the collector is empty afterwards */
  public JsonObject drain(Predicate<String> onlineNow, int total) {
    List<String> joined = new ArrayList<>();
    List<String> left = new ArrayList<>();
    wasOnline.forEach((user, before) -> {
      boolean now = onlineNow.test(user);
      if (now && !before) {
        joined.add(user);
      } else if (!now && before) {
        left.add(user);
      }
    });
    wasOnline.clear();
    if (joined.isEmpty() && left.isEmpty()) {
      return null;
    }
    return new JsonObject().put("type", "change").put("joined", new JsonArray(joined))
      .put("left", new JsonArray(left)).put("total", total);
  }
}
