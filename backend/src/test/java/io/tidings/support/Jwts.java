package io.tidings.support;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * JWTs made by hand, as an identity provider (or a forger) would: any header, any claims, signed
 * with HMAC, RSA or ECDSA, so a test can build the odd and the tampered tokens a library never would.
 */
public final class Jwts {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {
  }

  /** Seconds since the epoch, as JWT's NumericDate counts them. */
  public static long now() {
    return System.currentTimeMillis() / 1000;
  }

  public static String base64Url(String text) {
    return URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String base64Url(byte[] bytes) {
    return URL.encodeToString(bytes);
  }

  /** {@code header.payload}, the part a signature covers. */
  public static String signingInput(JsonObject header, JsonObject claims) {
    return base64Url(header.encode()) + "." + base64Url(claims.encode());
  }

  public static String hs256(String secret, JsonObject claims) {
    return hs256(secret.getBytes(StandardCharsets.UTF_8), new JsonObject().put("alg", "HS256").put("typ", "JWT"), claims);
  }

  public static String hs256(byte[] secret, JsonObject header, JsonObject claims) {
    String input = signingInput(header, claims);
    return input + "." + base64Url(hmac(secret, input));
  }

  public static byte[] hmac(byte[] secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String rs256(PrivateKey key, JsonObject claims) {
    return signed("RS256", "SHA256withRSA", key, claims);
  }

  /**
   * JWS wants ES256's signature as R and S, 32 bytes each, side by side (RFC 7518, 3.4), not the
   * DER sequence Java's plain ECDSA writes; the P1363 variant writes exactly that.
   */
  public static String es256(PrivateKey key, JsonObject claims) {
    return signed("ES256", "SHA256withECDSAinP1363Format", key, claims);
  }

  private static String signed(String alg, String javaAlgorithm, PrivateKey key, JsonObject claims) {
    String input = signingInput(new JsonObject().put("alg", alg).put("typ", "JWT"), claims);
    try {
      Signature signature = Signature.getInstance(javaAlgorithm);
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + base64Url(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A P-256 key pair, the curve ES256 names. */
  public static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as {@code --jwt-public-key} reads it: PEM of its X.509 SubjectPublicKeyInfo. */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
      .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  /** Writes the PEM to a temporary file, deleted when the JVM exits. */
  public static Path pemFile(PublicKey key) {
    try {
      Path file = Files.createTempFile("tidings-jwt-", ".pem");
      file.toFile().deleteOnExit();
      Files.writeString(file, pem(key), StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
