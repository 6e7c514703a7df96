package io.tidings.http;

import io.tidings.identity.UserName;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@code POST /sse/message}, checked field by field so the sender learns exactly what
 * was wrong. {@link #problem()} is {@code null} when the message is acceptable.
 */
record PostedMessage(String user, String message, String to, String problem) {

  static PostedMessage parse(Buffer body, int maxMessageLength) {
    RequestJson.Read read = RequestJson.read(body);
    if (read.problem() != null) {
      return invalid(read.problem().equals(RequestJson.EMPTY)
        ? "request body is empty; expected a JSON object with 'user' and 'message'" : read.problem());
    }
    if (!(read.value() instanceof JsonObject json)) {
      return invalid("request body must be a JSON object with 'user' and 'message'");
    }
    Object user = json.getValue("user");
    Object message = json.getValue("message");
    Object to = json.getValue("to");
    if (user != null && !(user instanceof String)) {
      return invalid("field 'user' must be a string");
    }
    // optional where a credential names the sender; the handler requires it in open mode
    String userProblem = user == null ? null : UserName.problem("field 'user'", (String) user);
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
}
