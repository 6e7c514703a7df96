package io.tidings.bench;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tokens the identity scenario gives its users in jwt mode. */
class JwtSignerTest {

  @Test
  void signsTheWellKnownExampleTokenByteForByte() {
    // the example token jwt.io shows, signed with its secret "your-256-bit-secret"
    String token = new JwtSigner("your-256-bit-secret").sign(new JsonObject().put("sub", "1234567890")
      .put("name", "John Doe").put("iat", 1516239022));
    assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
      + "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", token);
  }

  @Test
  void aUsersTokenNamesItAsSubjectWithItsExpiry() {
    String token = new JwtSigner("a-secret-of-at-least-thirty-two-bytes!").sign("u7", 2_000_000_000L);
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
      StandardCharsets.UTF_8));
    assertEquals(new JsonObject().put("sub", "u7").put("exp", 2_000_000_000L), claims);
  }
}
