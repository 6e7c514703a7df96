package io.tidings.bench;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * HS256 JSON Web Tokens, as an identity provider would issue them to the users of a node started
 * with {@code --auth jwt --jwt-secret}: the JDK's HMAC and base64url, nothing more.
 */
final class JwtSigner {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = BASE64URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
    .getBytes(StandardCharsets.UTF_8));

  private final Mac mac;

  JwtSigner(String secret) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256 in this JDK", e);
    }
  }

  /** A token for {@code user} that expires at {@code expiresAtEpochSeconds}. */
  String sign(String user, long expiresAtEpochSeconds) {
    return sign(new JsonObject().put("sub", user).put("exp", expiresAtEpochSeconds));
  }

  /** A token with the claims {@code claims}, encoded in their order. */
  String sign(JsonObject claims) {
    String signed = HEADER + "." + BASE64URL.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return signed + "." + BASE64URL.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
  }
}
