package io.tidings.http.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Counts the responses Vert.x has begun and finished on one connection, so the decoder knows whether
 * it may write raw error bytes without cutting into a response (pipelined requests, open streams).
 */
final class ResponseProgress extends ChannelOutboundHandlerAdapter {

  static final String NAME = "tidingsResponseProgress";

  private long begun;
  private long finished;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      // a 100 Continue is not the answer to the request
      if (response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
        begun++;
        if (msg instanceof LastHttpContent) {
          finished++;
        }
      }
    } else if (msg instanceof LastHttpContent) {
      finished++;
    }
    ctx.write(msg, promise);
  }

  /** Whether every response to the {@code requests} requests read so far has been finished. */
  boolean allFinished(long requests) {
    return finished == requests;
  }

  /** Whether the answers to all requests before the current one are complete and the current one has none yet. */
  boolean noneBegunFor(long currentRequest) {
    return begun == currentRequest - 1 && finished == currentRequest - 1;
  }
}
