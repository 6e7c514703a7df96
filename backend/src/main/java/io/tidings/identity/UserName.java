package io.tidings.identity;

import java.util.regex.Pattern;

/** The one rule for user names, used for stream owners, senders and recipients alike. */
public final class UserName {

  public static final int MAX_LENGTH = 32;
  public static final String RULE = "1 to " + MAX_LENGTH + " characters: letters, digits, '_', '-' or '.'";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.\\-]{1," + MAX_LENGTH + "}");

  private UserName() {
  }

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /**
   * @param what how the name is referred to in the error ("query parameter 'user'", "field 'to'")
   * @return why the name is not acceptable, or {@code null} when it is
   */
  public static String problem(String what, String name) {
    if (name == null) {
      return what + " is required";
    }
    if (!isValid(name)) {
      return what + " is not a valid user name (" + RULE + ")";
    }
    return null;
  }
}
