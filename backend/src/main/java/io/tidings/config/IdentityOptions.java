package io.tidings.config;

import io.tidings.identity.AuthMode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Who may read, post and publish: the {@code --auth} mode and what each mode needs. */
public final class IdentityOptions {

  /** As the command line shows it; {@link #DEFAULT_MODE} is the same. */
  public static final String DEFAULT_MODE_NAME = "nickname";
  public static final AuthMode DEFAULT_MODE = AuthMode.parse(DEFAULT_MODE_NAME);
  /** A nickname session lasts half a day of chat, then the page claims the name again. */
  public static final int DEFAULT_SESSION_SECONDS = 12 * 3600;
  /** How long a name stays held after its last stream closed: a reload or a reconnect keeps it. */
  public static final int DEFAULT_NAME_GRACE_SECONDS = 60;
  public static final String DEFAULT_JWT_USER_CLAIM = "sub";
  /** HS256 keys shorter than this are guessable offline from any token (RFC 7518, 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  private AuthMode mode = DEFAULT_MODE;
  private int sessionSeconds = DEFAULT_SESSION_SECONDS;
  private int nameGraceSeconds = DEFAULT_NAME_GRACE_SECONDS;
  private String jwtSecret;
  private String jwtPublicKeyFile;
  private String jwtAlgorithm;
  private String jwtIssuer;
  private String jwtAudience;
  private String jwtUserClaim = DEFAULT_JWT_USER_CLAIM;
  private String jwtPublisherClaim;
  private String publisherSecret;
  private List<String> allowedOrigins = new ArrayList<>();

  public IdentityOptions() {
  }

  public IdentityOptions(IdentityOptions other) {
    this(other.toJson());
  }

  public IdentityOptions(JsonObject json) {
    setMode(AuthMode.parse(json.getString("mode", DEFAULT_MODE.toString())));
    setSessionSeconds(json.getInteger("sessionSeconds", DEFAULT_SESSION_SECONDS));
    setNameGraceSeconds(json.getInteger("nameGraceSeconds", DEFAULT_NAME_GRACE_SECONDS));
    setJwtSecret(json.getString("jwtSecret"));
    setJwtPublicKeyFile(json.getString("jwtPublicKeyFile"));
    setJwtAlgorithm(json.getString("jwtAlgorithm"));
    setJwtIssuer(json.getString("jwtIssuer"));
    setJwtAudience(json.getString("jwtAudience"));
    setJwtUserClaim(json.getString("jwtUserClaim", DEFAULT_JWT_USER_CLAIM));
    setJwtPublisherClaim(json.getString("jwtPublisherClaim"));
    setPublisherSecret(json.getString("publisherSecret"));
    List<String> origins = new ArrayList<>();
    json.getJsonArray("allowedOrigins", new JsonArray()).forEach(o -> origins.add(String.valueOf(o)));
    setAllowedOrigins(origins);
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("mode", mode.toString())
      .put("sessionSeconds", sessionSeconds)
      .put("nameGraceSeconds", nameGraceSeconds)
      .put("jwtSecret", jwtSecret)
      .put("jwtPublicKeyFile", jwtPublicKeyFile)
      .put("jwtAlgorithm", jwtAlgorithm)
      .put("jwtIssuer", jwtIssuer)
      .put("jwtAudience", jwtAudience)
      .put("jwtUserClaim", jwtUserClaim)
      .put("jwtPublisherClaim", jwtPublisherClaim)
      .put("publisherSecret", publisherSecret)
      .put("allowedOrigins", new JsonArray(new ArrayList<>(allowedOrigins)));
  }

  /** Checks what one option alone cannot: that the chosen mode has what it needs. */
  public IdentityOptions validate() {
    if (mode == AuthMode.JWT && (jwtSecret == null) == (jwtPublicKeyFile == null)) {
      throw new IllegalArgumentException("--auth jwt needs exactly one of --jwt-secret and --jwt-public-key");
    }
    return this;
  }

  public AuthMode getMode() {
    return mode;
  }

  public IdentityOptions setMode(AuthMode mode) {
    this.mode = mode == null ? DEFAULT_MODE : mode;
    return this;
  }

  public int getSessionSeconds() {
    return sessionSeconds;
  }

  public IdentityOptions setSessionSeconds(int sessionSeconds) {
    this.sessionSeconds = OptionChecks.inRange("session seconds", sessionSeconds, 10, 365 * 24 * 3600);
    return this;
  }

  public int getNameGraceSeconds() {
    return nameGraceSeconds;
  }

  public IdentityOptions setNameGraceSeconds(int nameGraceSeconds) {
    this.nameGraceSeconds = OptionChecks.inRange("name grace seconds", nameGraceSeconds, 3, 24 * 3600);
    return this;
  }

  public String getJwtSecret() {
    return jwtSecret;
  }

  public IdentityOptions setJwtSecret(String jwtSecret) {
    this.jwtSecret = secret("JWT secret", jwtSecret);
    return this;
  }

  public String getJwtPublicKeyFile() {
    return jwtPublicKeyFile;
  }

  public IdentityOptions setJwtPublicKeyFile(String jwtPublicKeyFile) {
    this.jwtPublicKeyFile = blankToNull(jwtPublicKeyFile);
    return this;
  }

  /** {@code null}: HS256 with a secret, RS256 with a public key. */
  public String getJwtAlgorithm() {
    return jwtAlgorithm;
  }

  public IdentityOptions setJwtAlgorithm(String jwtAlgorithm) {
    String algorithm = blankToNull(jwtAlgorithm);
    if (algorithm != null && !List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512")
      .contains(algorithm)) {
      throw new IllegalArgumentException("JWT algorithm must be one of HS256/384/512, RS256/384/512, ES256/384/512, got '"
        + algorithm + "'");
    }
    this.jwtAlgorithm = algorithm;
    return this;
  }

  public String getJwtIssuer() {
    return jwtIssuer;
  }

  public IdentityOptions setJwtIssuer(String jwtIssuer) {
    this.jwtIssuer = blankToNull(jwtIssuer);
    return this;
  }

  public String getJwtAudience() {
    return jwtAudience;
  }

  public IdentityOptions setJwtAudience(String jwtAudience) {
    this.jwtAudience = blankToNull(jwtAudience);
    return this;
  }

  public String getJwtUserClaim() {
    return jwtUserClaim;
  }

  public IdentityOptions setJwtUserClaim(String jwtUserClaim) {
    String claim = blankToNull(jwtUserClaim);
    this.jwtUserClaim = claim == null ? DEFAULT_JWT_USER_CLAIM : claim;
    return this;
  }

  /** A claim that, when {@code true} in a verified JWT, lets its bearer use {@code /api/notify}; {@code null}: none does. */
  public String getJwtPublisherClaim() {
    return jwtPublisherClaim;
  }

  public IdentityOptions setJwtPublisherClaim(String jwtPublisherClaim) {
    this.jwtPublisherClaim = blankToNull(jwtPublisherClaim);
    return this;
  }

  /** The bearer secret of backend services on {@code /api/notify}; {@code null}: none is accepted. */
  public String getPublisherSecret() {
    return publisherSecret;
  }

  public IdentityOptions setPublisherSecret(String publisherSecret) {
    this.publisherSecret = secret("publisher secret", publisherSecret);
    return this;
  }

  /** Origins besides the server's own whose pages may post, claim and log out. */
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  public IdentityOptions setAllowedOrigins(List<String> allowedOrigins) {
    List<String> origins = new ArrayList<>();
    for (String origin : allowedOrigins) {
      if (!origin.isBlank()) {
        origins.add(origin.trim());
      }
    }
    this.allowedOrigins = origins;
    return this;
  }

  private static String secret(String name, String value) {
    String secret = blankToNull(value);
    if (secret != null && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(name + " must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
    return secret;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
