package io.tidings.identity;

/**
 * Who made a request, as its credential proves.
 *
 * @param user      the user the credential speaks for; {@code null} in open mode, where the request names its user
 * @param session   the hash of the nickname session's token, which holds the name; {@code null} otherwise
 * @param publisher whether it may publish through {@code /api/notify}
 */
public record Caller(String user, String session, boolean publisher) {

  /** Open mode: anyone, speaking for whatever user the request names. */
  public static final Caller ANYONE = new Caller(null, null, false);

  public static Caller user(String user, String session) {
    return new Caller(user, session, false);
  }

  public static Caller aPublisher() {
    return new Caller(null, null, true);
  }

  /** Whether the user comes from the request itself rather than from a credential. */
  public boolean isOpen() {
    return user == null && !publisher;
  }

  /**
   * The user a request acts as, given the name it states (a query parameter or a body field).
   *
   * @throws Refusal 403 when a credential's user and the stated name disagree
   */
  public String actingAs(String stated, String where) {
    if (isOpen()) {
      return stated;
    }
    if (stated != null && !stated.equals(user)) {
      throw new Refusal(403, where + " says '" + Refusal.shortened(stated) + "' but the credential is for '" + user + "'");
    }
    return user;
  }
}
