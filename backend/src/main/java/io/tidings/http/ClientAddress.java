package io.tidings.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** The address a request came from, as the limits per address count it. */
final class ClientAddress {

  private ClientAddress() {
  }

  /** Behind a proxy this is the proxy's address: every limit per address then counts all its clients together. */
  static String of(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }
}
