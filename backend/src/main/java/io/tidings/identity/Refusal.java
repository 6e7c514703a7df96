package io.tidings.identity;

/** Why a credential or a claim was refused, with the HTTP status the answer carries. */
public final class Refusal extends RuntimeException {

  private final int status;
  private final int retryAfterSeconds;

  public Refusal(int status, String message) {
    this(status, message, 0);
  }

  private Refusal(int status, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A 429: too many requests of a kind; the client may try again after that many seconds. */
  public static Refusal tooMany(int retryAfterSeconds, String message) {
    return new Refusal(429, message, Math.max(1, retryAfterSeconds));
  }

  /** For a 429, the {@code Retry-After} seconds; 0 otherwise. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static Refusal unauthorized(String message) {
    return new Refusal(401, message);
  }

  public int status() {
    return status;
  }

  /** A value quoted in an error message, cut short: it came from a client and may be huge. */
  public static String shortened(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
