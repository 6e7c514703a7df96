package io.tidings.identity;

import io.tidings.config.IdentityOptions;
import io.tidings.identity.impl.JwtIdentity;
import io.tidings.identity.impl.NicknameIdentity;
import io.tidings.identity.impl.OpenIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * Tells who a request comes from, one implementation per {@link AuthMode}, chosen once at
 * start-up. A failed future carries a {@link Refusal}.
 */
public interface Identity {

  /** The caller a request's credential proves (publishers included), or a {@link Refusal}. */
  Future<Caller> authenticate(HttpServerRequest request);

  AuthMode mode();

  /** Nickname sessions, which only the nickname mode issues; {@code null} in the others. */
  default Sessions sessions() {
    return null;
  }

  static Identity create(Vertx vertx, IdentityOptions options, Sessions sessions) {
    options.validate();
    Publishers publishers = new Publishers(options.getPublisherSecret());
    return switch (options.getMode()) {
      case NICKNAME -> new NicknameIdentity(sessions, publishers);
      case JWT -> JwtIdentity.create(vertx, options, publishers);
      case NONE -> new OpenIdentity(publishers);
    };
  }
}
