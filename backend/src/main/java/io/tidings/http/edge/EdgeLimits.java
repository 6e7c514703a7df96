package io.tidings.http.edge;

import io.tidings.config.TidingsOptions;

/** The limits the codec edge enforces, taken once from the options. */
record EdgeLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxChunkBytes, long headerTimeoutMillis) {

  static EdgeLimits of(TidingsOptions options, int maxChunkBytes) {
    return new EdgeLimits(options.getMaxRequestLineBytes(), options.getMaxHeaderBytes(), maxChunkBytes,
      options.getHeaderTimeoutSeconds() * 1000L);
  }
}
