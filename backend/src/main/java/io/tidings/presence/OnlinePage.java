package io.tidings.presence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A page of the online list, with the total so clients can tell what they have not seen. */
public record OnlinePage(List<String> users, int total, int offset, int limit) {

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
