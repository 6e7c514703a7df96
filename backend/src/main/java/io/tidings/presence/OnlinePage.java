package io.tidings.presence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;

/** A page of the online list, with the total so clients can tell what they have not seen. */
public record OnlinePage(List<String> users, int total, int offset, int limit) {

  /** The page of sorted names at {@code offset}; the caller holds whatever lock guards them. */
  public static OnlinePage of(NavigableSet<String> sortedNames, int offset, int limit) {
    List<String> page = new ArrayList<>(Math.min(limit, sortedNames.size()));
    Iterator<String> names = sortedNames.iterator();
    for (int skipped = 0; skipped < offset && names.hasNext(); skipped++) {
      names.next();
    }
    while (page.size() < limit && names.hasNext()) {
      page.add(names.next());
    }
    return new OnlinePage(page, sortedNames.size(), offset, limit);
  }

  /** The body of {@code GET /api/online}. */
  public JsonObject toJson() {
    return new JsonObject().put("total", total).put("offset", offset).put("limit", limit)
      .put("users", new JsonArray(users));
  }

  /** The {@code presence} event sent when a stream opens: the first names and the total. */
  public JsonObject toSnapshot() {
    return new JsonObject().put("type", "snapshot").put("online", new JsonArray(users))
      .put("total", total).put("truncated", offset + users.size() < total);
  }
}
