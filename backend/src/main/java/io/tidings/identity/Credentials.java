package io.tidings.identity;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request carries its credential, in order: {@code Authorization: Bearer}, then
 * {@code ?access_token=} (an EventSource cannot set headers), then the session cookie the page
 * holds. Sizes are bounded before anything parses them.
 */
public final class Credentials {

  public static final String COOKIE = "tidings_session";
  public static final String QUERY_PARAMETER = "access_token";
  /** Larger than any JWT an identity provider issues for a login, far smaller than the header limit. */
  public static final int MAX_TOKEN_CHARS = 4096;

  private Credentials() {
  }

  /**
   * @return the presented token, or {@code null} when the request carries none
   * @throws Refusal 401 when one is there but malformed
   */
  public static String presented(HttpServerRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      if (authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw Refusal.unauthorized("the Authorization header must be 'Bearer <token>'");
      }
      return checked(authorization.substring(7).trim(), "the bearer token");
    }
    String query = request.getParam(QUERY_PARAMETER);
    if (query != null) {
      return checked(query, "query parameter '" + QUERY_PARAMETER + "'");
    }
    Cookie cookie = request.getCookie(COOKIE);
    if (cookie != null) {
      return checked(cookie.getValue(), "the " + COOKIE + " cookie");
    }
    return null;
  }

  private static String checked(String token, String where) {
    if (token.isEmpty()) {
      throw Refusal.unauthorized(where + " is empty");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw Refusal.unauthorized(where + " is longer than " + MAX_TOKEN_CHARS + " characters");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw Refusal.unauthorized(where + " holds a character no token has");
      }
    }
    return token;
  }
}
