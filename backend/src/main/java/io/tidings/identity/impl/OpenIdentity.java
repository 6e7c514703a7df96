package io.tidings.identity.impl;

import io.tidings.identity.AuthMode;
import io.tidings.identity.Caller;
import io.tidings.identity.Credentials;
import io.tidings.identity.Identity;
import io.tidings.identity.Publishers;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/** {@code --auth none}: a request is whoever it says it is; only publishers prove anything. */
public final class OpenIdentity implements Identity {

  private final Publishers publishers;

  public OpenIdentity(Publishers publishers) {
    this.publishers = publishers;
  }

  @Override
  public Future<Caller> authenticate(HttpServerRequest request) {
    String token = Credentials.presented(request);
    return Future.succeededFuture(publishers.isPublisher(token) ? Caller.aPublisher() : Caller.ANYONE);
  }

  @Override
  public AuthMode mode() {
    return AuthMode.NONE;
  }
}
