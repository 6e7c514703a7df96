package io.tidings.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Lets only JSON bodies through (415 otherwise). Written here rather than vertx-web's
 * {@code consumes()}, which compares media types case-sensitively: RFC 9110 makes
 * {@code Application/JSON} the same type as {@code application/json}.
 */
final class JsonContentType implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (mediaType.equals("application/json")) {
      ctx.next();
    } else {
      ctx.fail(415);
    }
  }
}
