package io.tidings.http.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpConstants;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tidings.http.ErrorReply;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 request decoder of every Tidings connection, in place of Vert.x's: Netty's decoder with
 * strict line parsing, plus the refusals Netty leaves out because it repairs framing silently (it drops
 * Content-Length beside Transfer-Encoding, unfolds obsolete line folding, reads an unknown transfer
 * coding as no body and the coded bytes as a next request): each is a way to smuggle a request past a
 * proxy that reads the framing differently. It also times out a head that is sent too slowly, and
 * answers malformed chunks with a JSON 400 rather than the silent close Vert.x gives them.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

  static final int MAX_HEADER_FIELDS = 100;

  /** Netty's own parser state; read (never written) to know where a head or a chunk-size line starts. */
  private static final Field STATE = nettyState();

  private final EdgeLimits limits;
  private final ResponseProgress responses;
  private long requests;
  private int headerFields;
  private boolean headBegun;
  private boolean done;
  private ScheduledFuture<?> headTimer;

  StrictRequestDecoder(EdgeLimits limits, ResponseProgress responses) {
    super(new HttpDecoderConfig()
      .setMaxInitialLineLength(limits.maxRequestLineBytes())
      .setMaxHeaderSize(limits.maxHeaderBytes())
      .setMaxChunkSize(limits.maxChunkBytes())
      .setValidateHeaders(true)
      .setStrictLineParsing(true));
    this.limits = limits;
    this.responses = responses;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    // the first request's head is timed from the connection's opening
    startHeadTimer(ctx);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
    cancelHeadTimer();
    super.handlerRemoved0(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelHeadTimer();
    super.channelInactive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
    if (done) {
      buffer.skipBytes(buffer.readableBytes());
      return;
    }
    String state = state();
    if (isHeadState(state) && buffer.isReadable()) {
      // the empty lines a client may send after a body (RFC 9112 section 2.2) do not begin a request
      if (!state.equals("SKIP_CONTROL_CHARS") || buffer.forEachByte(ByteProcessor.FIND_NON_CRLF) >= 0) {
        headBegun = true;
        startHeadTimer(ctx);
      }
      if (HeadRules.foldedLine(buffer, !state.equals("READ_HEADER"))) {
        refuseHead(buffer, out, new CodecRefusal(400,
          "a header line starts with a space or tab (obsolete line folding); send each field on one line"));
        return;
      }
    } else if (state.equals("READ_CHUNK_SIZE")) {
      int lf = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), HttpConstants.LF);
      if (lf > buffer.readerIndex() && buffer.getByte(lf - 1) == HttpConstants.CR) {
        ChunkExtensions.blankValid(buffer, buffer.readerIndex(), lf - 1);
      }
    }
    int first = out.size();
    super.decode(ctx, buffer, out);
    for (int i = first; i < out.size(); i++) {
      Object decoded = out.get(i);
      if (decoded instanceof HttpRequest request) {
        requests++;
        headBegun = false;
        headerFields = 0;
        cancelHeadTimer();
        if (request.decoderResult().isFailure()) {
          // Vert.x answers it through the invalid-request handler, then closes
          done = true;
          return;
        }
      } else if (decoded instanceof HttpContent content && content.decoderResult().isFailure()) {
        refuseBody(ctx, buffer, out, i, content);
        return;
      }
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (!done) {
      super.decodeLast(ctx, in, out);
    }
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    headerFields = 0;
    // as VertxHttpRequestDecoder: Vert.x's own (faster) header map, in a plain DefaultHttpRequest
    return new DefaultHttpRequest(HttpVersion.valueOf(initialLine[2]), HttpMethod.valueOf(initialLine[0]),
      initialLine[1], HeadersMultiMap.httpHeaders());
  }

  @Override
  protected HttpMessage createInvalidMessage() {
    // Netty's is HTTP/1.0, which would make the refusal an HTTP/1.0 response
    return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request", HeadersMultiMap.httpHeaders());
  }

  @Override
  protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
    if (length == 0) {
      throw new CodecRefusal(400, "a header field has an empty name");
    }
    if (++headerFields > MAX_HEADER_FIELDS) {
      throw new CodecRefusal(431, "a request may carry at most " + MAX_HEADER_FIELDS + " header fields");
    }
    return super.splitHeaderName(sb, start, length);
  }

  /**
   * Netty calls this with the complete head just before it picks the body's framing, and turns what it
   * throws into a failed request: the one place to refuse framing it would otherwise repair.
   */
  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage msg) {
    HeadRules.checkFraming(msg.headers());
    // as VertxHttpRequestDecoder: a request's body is never implied empty by its status
    return msg.getClass() != DefaultHttpRequest.class && super.isContentAlwaysEmpty(msg);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    // Netty drops the Content-Length and reads chunks; a proxy may have used the length instead
    throw new CodecRefusal(400, "Content-Length and Transfer-Encoding must not both be sent");
  }

  private void refuseHead(ByteBuf buffer, List<Object> out, CodecRefusal refusal) {
    buffer.skipBytes(buffer.readableBytes());
    HttpMessage request = createInvalidMessage();
    request.setDecoderResult(DecoderResult.failure(refusal));
    out.add(request);
    requests++;
    cancelHeadTimer();
    done = true;
  }

  /**
   * A malformed body: Vert.x would close without a word. Answer it ourselves when no response to this
   * request has begun (written from this handler, the bytes go straight to the socket, past the
   * encoder); else leave Vert.x its close, since bytes now would corrupt the response under way.
   */
  private void refuseBody(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out, int index, HttpContent failed) {
    done = true;
    buffer.skipBytes(buffer.readableBytes());
    if (!responses.noneBegunFor(requests)) {
      return; // the failed content goes on to Vert.x, which closes the connection
    }
    for (int i = out.size() - 1; i >= index; i--) {
      ReferenceCountUtil.release(out.remove(i));
    }
    String reason = CodecFailures.describeBody(failed.decoderResult().cause());
    ctx.writeAndFlush(Unpooled.wrappedBuffer(ErrorReply.rawClosing(400, reason)))
      .addListener(ChannelFutureListener.CLOSE);
  }

  private void startHeadTimer(ChannelHandlerContext ctx) {
    if (headTimer == null && !done && ctx.channel().isActive()) {
      headTimer = ctx.executor().schedule(() -> headTimedOut(ctx), limits.headerTimeoutMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void cancelHeadTimer() {
    if (headTimer != null) {
      headTimer.cancel(false);
      headTimer = null;
    }
  }

  private void headTimedOut(ChannelHandlerContext ctx) {
    headTimer = null;
    if (done || !ctx.channel().isActive()) {
      return;
    }
    done = true;
    if (headBegun && responses.allFinished(requests)) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(ErrorReply.rawClosing(408,
        "the request head (request line and header fields) was not complete within "
          + limits.headerTimeoutMillis() / 1000 + " s"))).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private String state() {
    try {
      return ((Enum<?>) STATE.get(this)).name();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isHeadState(String state) {
    return state.equals("SKIP_CONTROL_CHARS") || state.equals("READ_INITIAL") || state.equals("READ_HEADER");
  }

  private static Field nettyState() {
    try {
      Field state = HttpObjectDecoder.class.getDeclaredField("currentState");
      state.setAccessible(true);
      return state;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError("Netty's HttpObjectDecoder has no readable currentState: " + e);
    }
  }
}
