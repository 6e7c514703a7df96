package io.tidings.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Every JSON request body is read here, strictly: the bytes must be UTF-8 (Vert.x would put U+FFFD
 * in place of a bad byte), a key may appear once (with Jackson's default the last
 * {@code "to"} wins, so {@code "to":"bob","to":null} turned a direct message into a broadcast), no
 * comments, and nesting stays shallow. Problems are worded for the sender, without parser internals.
 */
final class RequestJson {

  static final int MAX_NESTING_DEPTH = 16;
  static final String EMPTY = "request body is empty";

  private static final JsonFactory FACTORY = JsonFactory.builder()
    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
    .build();

  /** The parsed value (a JsonObject, JsonArray, String, Number, Boolean or null), or why there is none. */
  record Read(Object value, String problem) {
  }

  private RequestJson() {
  }

  static Read read(Buffer body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in).toString();
    } catch (CharacterCodingException e) {
      return problem("request body is not valid UTF-8 (at byte offset " + in.position() + ")");
    }
    if (text.isBlank()) {
      return problem(EMPTY);
    }
    try {
      JsonParser parser = FACTORY.createParser(text);
      return new Read(wrap(JacksonCodec.fromParser(parser, Object.class)), null);
    } catch (IOException | DecodeException e) {
      return problem(describe(e));
    }
  }

  private static Read problem(String problem) {
    return new Read(null, problem);
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(Object value) {
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return new JsonArray((List<Object>) list);
    }
    return value;
  }

  // Jackson's own messages name its classes and settings; keep the reason and where it was found.
  private static String describe(Exception e) {
    Throwable cause = e instanceof DecodeException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof StreamConstraintsException) {
      return "malformed JSON: nested deeper than " + MAX_NESTING_DEPTH + " levels";
    }
    if (cause instanceof JsonProcessingException parse) {
      String reason = parse.getOriginalMessage();
      int marker = reason.indexOf(" (start marker at");
      reason = marker < 0 ? reason : reason.substring(0, marker);
      JsonLocation where = parse.getLocation();
      return "malformed JSON: " + reason
        + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
    }
    if ("Unexpected trailing token".equals(e.getMessage())) {
      return "malformed JSON: more than one value in the body";
    }
    return "malformed JSON: the body could not be read as JSON";
  }
}
