package io.tidings.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The publisher secret of backend services, compared in constant time. */
public final class Publishers {

  private final byte[] secret;

  public Publishers(String secret) {
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether the token is the publisher secret; a token of another length is compared all the same. */
  public boolean isPublisher(String token) {
    // MessageDigest.isEqual takes the same time whatever the first difference is
    return secret != null && token != null && MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8));
  }
}
