package io.tidings.http.edge;

/**
 * Why the codec edge refuses a request: the status to answer and a message a person can act on.
 * Set as the failed decoder result of a request, so Vert.x hands it to the invalid-request handler.
 */
final class CodecRefusal extends RuntimeException {

  private final int status;

  CodecRefusal(int status, String message) {
    // no stack trace: a refusal is an answer to a client, not a defect to debug
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
