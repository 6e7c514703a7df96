package io.tidings.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What travels on the event bus to streams: JSON, so a clustered bus needs no codec.
 * <pre>{"event": "status", "id": "...", "data": {...} | [...] | "text"}</pre>
 * {@code event} and {@code id} are optional: without {@code event} the browser's
 * {@code EventSource.onmessage} receives it. Object and array data are sent as one line of JSON;
 * text is sent as is, one {@code data:} line per line of text.
 */
public record BusEvent(String event, String id, Object data) {

  public BusEvent {
    event = checkField("event", event);
    id = checkField("id", id);
    if (!(data instanceof String || data instanceof JsonObject || data instanceof JsonArray
      || data instanceof Number || data instanceof Boolean)) {
      throw new IllegalArgumentException("'data' must be a string, number, boolean, object or array");
    }
  }

  public static BusEvent message(String id, JsonObject data) {
    return new BusEvent(null, id, data);
  }

  public static BusEvent of(String event, Object data) {
    return new BusEvent(event, null, data);
  }

  /** @throws IllegalArgumentException with a readable reason when the JSON is not a bus event */
  public static BusEvent fromJson(Object body) {
    if (!(body instanceof JsonObject json)) {
      throw new IllegalArgumentException("a bus event must be a JSON object");
    }
    Object event = json.getValue("event");
    Object id = json.getValue("id");
    if (event != null && !(event instanceof String) || id != null && !(id instanceof String)) {
      throw new IllegalArgumentException("'event' and 'id' must be strings");
    }
    return new BusEvent((String) event, (String) id, json.getValue("data"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (event != null) {
      json.put("event", event);
    }
    if (id != null) {
      json.put("id", id);
    }
    return json.put("data", data);
  }

  /** The data as the text that goes after {@code data:}. */
  public String dataText() {
    if (data instanceof JsonObject object) {
      return object.encode();
    }
    if (data instanceof JsonArray array) {
      return array.encode();
    }
    return String.valueOf(data);
  }

  // An event name or id with a line break would start a new SSE field: refuse it rather than mangle it.
  private static String checkField(String name, String value) {
    if (value == null) {
      return null;
    }
    if (value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("'" + name + "' must be non-empty, without line breaks or NUL");
    }
    return value;
  }
}
