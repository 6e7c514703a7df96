package io.tidings.message;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A chat message as every receiver sees it: the {@code data:} of a default-type SSE event.
 *
 * @param to the recipient, or {@code null} for everyone
 */
public record ChatMessage(String id, String user, String message, String to, Instant time) {

  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id)
      .put("user", user)
      .put("message", message)
      .put("to", to)
      .put("time", time.toString());
  }
}
