package io.tidings.identity.impl;

import io.tidings.config.IdentityOptions;
import io.tidings.identity.AuthMode;
import io.tidings.identity.Caller;
import io.tidings.identity.Credentials;
import io.tidings.identity.Identity;
import io.tidings.identity.Publishers;
import io.tidings.identity.Refusal;
import io.tidings.identity.UserName;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --auth jwt}: the operator's identity provider signs tokens, vertx-auth-jwt verifies them
 * (signature, algorithm, expiry, issuer, audience); the user is a claim of the token.
 */
public final class JwtIdentity implements Identity {

  /** JWS compact serialization (RFC 7515, 7.1), unpadded: one spelling per token. */
  private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  private final JWTAuth verifier;
  private final String userClaim;
  private final String publisherClaim;
  private final Publishers publishers;

  private JwtIdentity(JWTAuth verifier, String userClaim, String publisherClaim, Publishers publishers) {
    this.verifier = verifier;
    this.userClaim = userClaim;
    this.publisherClaim = publisherClaim;
    this.publishers = publishers;
  }

  /** @throws IllegalArgumentException when the key cannot be read: the node must not start without it */
  public static JwtIdentity create(Vertx vertx, IdentityOptions options, Publishers publishers) {
    PubSecKeyOptions key = new PubSecKeyOptions();
    if (options.getJwtSecret() != null) {
      key.setAlgorithm(options.getJwtAlgorithm() == null ? "HS256" : options.getJwtAlgorithm())
        .setBuffer(options.getJwtSecret());
    } else {
      try {
        key.setAlgorithm(options.getJwtAlgorithm() == null ? "RS256" : options.getJwtAlgorithm())
          .setBuffer(Files.readString(Path.of(options.getJwtPublicKeyFile()), StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the JWT public key " + options.getJwtPublicKeyFile() + ": " + e);
      }
    }
    JWTOptions checks = new JWTOptions();
    if (options.getJwtIssuer() != null) {
      checks.setIssuer(options.getJwtIssuer());
    }
    if (options.getJwtAudience() != null) {
      checks.setAudience(List.of(options.getJwtAudience()));
    }
    JWTAuth verifier;
    try {
      verifier = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key).setJWTOptions(checks));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the JWT key is not usable for " + key.getAlgorithm() + ": " + e.getMessage());
    }
    return new JwtIdentity(verifier, options.getJwtUserClaim(), options.getJwtPublisherClaim(), publishers);
  }

  @Override
  public Future<Caller> authenticate(HttpServerRequest request) {
    String token = Credentials.presented(request);
    if (token == null) {
      return Future.failedFuture(Refusal.unauthorized("a token is required: Authorization: Bearer <JWT>"));
    }
    if (publishers.isPublisher(token)) {
      return Future.succeededFuture(Caller.aPublisher());
    }
    if (!COMPACT_JWS.matcher(token).matches()) {
      // vertx-auth-jwt splits on dots and drops empty trailing parts, so "h.p.s..." would pass as "h.p.s"
      return Future.failedFuture(Refusal.unauthorized("the token was refused: a JWT is three base64url parts joined by dots"));
    }
    Future<User> verified;
    try {
      verified = verifier.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      // vertx-auth-jwt throws, rather than fails, on a signed exp, iat, nbf or aud of the wrong type
      verified = Future.failedFuture(e);
    }
    return verified
      .recover(err -> Future.failedFuture(Refusal.unauthorized("the token was refused: " + reason(err))))
      // the claims as the token holds them: the principal leaves out exp, iat and nbf
      .compose(user -> caller(user.attributes().getJsonObject("accessToken")));
  }

  private Future<Caller> caller(JsonObject claims) {
    // vertx-auth-jwt checks an exp that is there; a token without one would never expire
    if (!(claims.getValue("exp") instanceof Number)) {
      return Future.failedFuture(Refusal.unauthorized("the token was refused: it has no expiry ('exp')"));
    }
    if (publisherClaim != null && Boolean.TRUE.equals(claims.getValue(publisherClaim))) {
      return Future.succeededFuture(Caller.aPublisher());
    }
    Object user = claims.getValue(userClaim);
    if (!(user instanceof String name) || !UserName.isValid(name)) {
      return Future.failedFuture(Refusal.unauthorized("the token's '" + userClaim + "' claim is not a valid user name ("
        + UserName.RULE + ")"));
    }
    return Future.succeededFuture(Caller.user(name, null));
  }

  private static String reason(Throwable err) {
    if (err instanceof ClassCastException || err instanceof NullPointerException) {
      // thrown from inside the verifier on a signed claim of the wrong type; its text is about Java, not the token
      return "a standard claim (exp, iat, nbf, iss or aud) has the wrong type";
    }
    String message = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    return message.length() <= 120 ? message : message.substring(0, 120) + "...";
  }

  @Override
  public AuthMode mode() {
    return AuthMode.JWT;
  }
}
