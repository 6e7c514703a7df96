package io.tidings.identity.impl;

import io.tidings.identity.AuthMode;
import io.tidings.identity.Caller;
import io.tidings.identity.Credentials;
import io.tidings.identity.Identity;
import io.tidings.identity.Publishers;
import io.tidings.identity.Refusal;
import io.tidings.identity.Sessions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/** {@code --auth nickname}: the caller is the user whose session token the request carries. */
public final class NicknameIdentity implements Identity {

  private final Sessions sessions;
  private final Publishers publishers;

  public NicknameIdentity(Sessions sessions, Publishers publishers) {
    this.sessions = sessions;
    this.publishers = publishers;
  }

  @Override
  public Future<Caller> authenticate(HttpServerRequest request) {
    String token = Credentials.presented(request);
    if (token == null) {
      return Future.failedFuture(Refusal.unauthorized("sign in first: claim a name with POST /api/session"));
    }
    if (publishers.isPublisher(token)) {
      return Future.succeededFuture(Caller.aPublisher());
    }
    return sessions.verify(token);
  }

  @Override
  public AuthMode mode() {
    return AuthMode.NICKNAME;
  }

  @Override
  public Sessions sessions() {
    return sessions;
  }
}
