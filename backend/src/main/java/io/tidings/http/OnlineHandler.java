package io.tidings.http;

import io.tidings.presence.Presence;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/** {@code GET /api/online?offset=0&limit=100}: the full online list, a page at a time, in name order. */
final class OnlineHandler implements Handler<RoutingContext> {

  static final int MAX_LIMIT = 1000;
  private static final int DEFAULT_LIMIT = 100;
  private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{1,18}");

  private final Presence presence;

  OnlineHandler(Presence presence) {
    this.presence = presence;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Integer offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    Integer limit = offset == null ? null : intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    if (limit == null) {
      return;
    }
    presence.online(offset, limit)
      .onSuccess(page -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(page.toJson().encode()))
      .onFailure(err -> ErrorReply.send(ctx, 503, "the online list is not available right now; try again"));
  }

  /** @return the value, or {@code null} after answering 400 */
  private static Integer intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null) {
      return fallback;
    }
    // ASCII digits only: Integer.parseInt also takes a sign and any script's digits ('١' is 1)
    if (ASCII_DIGITS.matcher(raw).matches()) {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return (int) value;
      }
    }
    ErrorReply.send(ctx, 400, "query parameter '" + name + "' must be a whole number from " + min + " to " + max
      + ", got '" + raw + "'");
    return null;
  }
}
