package io.tidings.bench.generator;

import io.vertx.core.buffer.Buffer;

/**
 * One byte array that every read of an event loop is copied into before it is decoded, so that
 * reading allocates nothing per read. Confined to its event loop.
 */
final class ReadArray {

  private byte[] bytes;

  ReadArray(int initialSize) {
    bytes = new byte[initialSize];
  }

  /** {@code chunk}'s bytes from index 0 of the returned array, valid until the next call. */
  byte[] copy(Buffer chunk) {
    int length = chunk.length();
    if (length > bytes.length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
    }
    chunk.getBytes(0, length, bytes, 0);
    return bytes;
  }
}
