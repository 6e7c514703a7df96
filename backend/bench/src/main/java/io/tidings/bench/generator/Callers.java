package io.tidings.bench.generator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Who sends a run's POSTs: connection {@code k} of a share posts as caller {@code (first + k) % count},
 * whose number fills {@link PostSpec#CALLER} and, when {@code authorizations} are given, whose
 * {@code Authorization} header value is {@code authorizations[caller]}: a user's page keeps its
 * connection and its credential. {@code count} 0: no caller, no header.
 */
public record Callers(int count, int first, List<String> authorizations) {

  public static final Callers NONE = new Callers(0, 0, List.of());

  public Callers {
    if (!authorizations.isEmpty() && authorizations.size() != count) {
      throw new IllegalArgumentException(authorizations.size() + " authorizations for " + count + " callers");
    }
  }

  /** {@code count} callers, each sending with its own credential. */
  public static Callers withAuthorizations(List<String> authorizations) {
    return new Callers(authorizations.size(), 0, List.copyOf(authorizations));
  }

  /** {@code count} callers that name themselves in the body only. */
  public static Callers named(int count) {
    return new Callers(count, 0, List.of());
  }

  /** The caller of connection {@code connection}, or -1 when there is none. */
  public int of(int connection) {
    return count == 0 ? -1 : (int) ((first + (long) connection) % count);
  }

  /** The {@code Authorization} value of {@code caller}, or {@code null} when none is sent. */
  public String authorization(int caller) {
    return caller < 0 || authorizations.isEmpty() ? null : authorizations.get(caller);
  }

  /** The same callers, the first connection posting as {@code first}. */
  public Callers startingAt(int first) {
    return new Callers(count, count == 0 ? 0 : first % count, authorizations);
  }

  public JsonObject toJson() {
    return new JsonObject().put("count", count).put("first", first)
      .put("authorizations", new JsonArray(new ArrayList<>(authorizations)));
  }

  public static Callers fromJson(JsonObject json) {
    if (json == null) {
      return NONE;
    }
    List<String> authorizations = new ArrayList<>();
    json.getJsonArray("authorizations", new JsonArray()).forEach(a -> authorizations.add((String) a));
    return new Callers(json.getInteger("count", 0), json.getInteger("first", 0), authorizations);
  }
}
