package io.tidings.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A nickname session's token: {@code base64url(name) "." base64url(32 random bytes)}. The name
 * in front lets a node look up the session and the name's holder at once; the 256 random bits
 * are what proves it. Only the token's SHA-256 is stored, so a copy of the data grid holds no
 * usable token.
 */
public final class SessionToken {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int RANDOM_BYTES = 32;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{43}");

  private SessionToken() {
  }

  public static String create(String user) {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    return encoder.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "." + encoder.encodeToString(random);
  }

  /**
   * @return the user the token names
   * @throws Refusal 401 when the token does not have a session token's shape
   */
  public static String user(String token) {
    if (!SHAPE.matcher(token).matches()) {
      throw Refusal.unauthorized("the session token is malformed");
    }
    String user;
    try {
      user = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Refusal.unauthorized("the session token is malformed");
    }
    if (!UserName.isValid(user)) {
      throw Refusal.unauthorized("the session token is malformed");
    }
    return user;
  }

  /** What the data grid stores and compares instead of the token. */
  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Compares two hashes in time that does not depend on where they differ. */
  public static boolean sameHash(String a, String b) {
    return a != null && b != null
      && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
