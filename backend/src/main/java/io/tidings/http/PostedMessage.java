package io.tidings.http;

import io.tidings.identity.UserName;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@code POST /sse/message}, checked field by field so the sender learns exactly what
 * was wrong. {@link #problem()} is {@code null} when the message is acceptable.
 */
record PostedMessage(String user, String message, String to, String problem) {

  static PostedMessage parse(String body, int maxMessageLength) {
    if (body == null || body.isBlank()) {
      return invalid("request body is empty; expected a JSON object with 'user' and 'message'");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      return invalid("malformed JSON: " + describe(e));
    }
    if (!(parsed instanceof JsonObject json)) {
      return invalid("request body must be a JSON object with 'user' and 'message'");
    }
    Object user = json.getValue("user");
    Object message = json.getValue("message");
    Object to = json.getValue("to");
    if (user != null && !(user instanceof String)) {
      return invalid("field 'user' must be a string");
    }
    String userProblem = UserName.problem("field 'user'", (String) user);
    if (userProblem != null) {
      return invalid(userProblem);
    }
    if (message == null) {
      return invalid("field 'message' is required");
    }
    if (!(message instanceof String text)) {
      return invalid("field 'message' must be a string");
    }
    if (text.isBlank()) {
      return invalid("field 'message' must not be empty");
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxMessageLength) {
      return invalid("field 'message' is " + length + " characters long; the limit is " + maxMessageLength);
    }
    if (hasLoneSurrogate(text)) {
      return invalid("field 'message' is not valid Unicode (unpaired surrogate)");
    }
    if (to != null && !(to instanceof String)) {
      return invalid("field 'to' must be a user name or null");
    }
    if (to != null) {
      String toProblem = UserName.problem("field 'to'", (String) to);
      if (toProblem != null) {
        return invalid(toProblem);
      }
    }
    return new PostedMessage((String) user, text, (String) to, null);
  }

  private static PostedMessage invalid(String problem) {
    return new PostedMessage(null, null, null, problem);
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  // Jackson's own message names its internals; keep the reason and where it was found.
  private static String describe(DecodeException e) {
    if (e.getCause() instanceof JsonProcessingException parse && parse.getLocation() != null) {
      String reason = parse.getOriginalMessage();
      int marker = reason.indexOf(" (start marker at");
      reason = marker < 0 ? reason : reason.substring(0, marker);
      return reason + " (line " + parse.getLocation().getLineNr()
        + ", column " + parse.getLocation().getColumnNr() + ")";
    }
    return "the body could not be read as JSON";
  }
}
