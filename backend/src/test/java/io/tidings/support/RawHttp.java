package io.tidings.support;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A client over a plain socket, for requests that an HTTP client refuses to send (broken framing,
 * invalid encodings, half-sent heads). Every read is bounded by the socket's timeout.
 */
public final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to the port on 127.0.0.1; reads time out after {@code readTimeoutMillis}. */
  public static RawHttp connect(int port, int readTimeoutMillis) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(readTimeoutMillis);
      return new RawHttp(socket);
    } catch (IOException e) {
      throw new IllegalStateException("could not connect to port " + port, e);
    }
  }

  public static RawHttp connect(int port) {
    return connect(port, 5000);
  }

  /** The same over TLS, offering HTTP/1.1 only and trusting any certificate (tests make their own). */
  public static RawHttp connectTls(int port) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingAnything()}, null);
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(5000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"http/1.1"});
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return new RawHttp(socket);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not connect over TLS to port " + port, e);
    }
  }

  private static final class TrustingAnything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Sends the text as ISO-8859-1 bytes, exactly as written (so {@code \r\n} must be spelled out). */
  public RawHttp send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public RawHttp send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("could not send", e);
    }
  }

  /** Reads one response: status line, headers and a body framed by Content-Length or chunked (or until close). */
  public Response read() {
    Response head = readHead();
    try {
      Map<String, String> headers = head.headers();
      byte[] body;
      if (head.status() / 100 == 1) {
        body = new byte[0]; // an interim response (100 Continue) has no body
      } else if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int size;
        while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
          all.write(in.readNBytes(size));
          line();
        }
        line();
        body = all.toByteArray();
      } else {
        body = in.readAllBytes();
      }
      return new Response(head.status(), headers, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("could not read a response", e);
    }
  }

  /** Reads a response's status line and headers only, e.g. of an event stream that never ends; the body is empty. */
  public Response readHead() {
    try {
      String statusLine = line();
      if (statusLine == null) {
        throw new IllegalStateException("connection closed before any response");
      }
      String[] parts = statusLine.split(" ", 3);
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      String header;
      while ((header = line()) != null && !header.isEmpty()) {
        int colon = header.indexOf(':');
        headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
      }
      return new Response(status, headers, "");
    } catch (IOException e) {
      throw new IllegalStateException("could not read a response", e);
    }
  }

  /** Reads exactly {@code length} bytes of a body whose head {@link #readHead()} has read. */
  public String readBody(int length) {
    try {
      return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("could not read the body", e);
    }
  }

  /** Reads an open body until its text holds {@code marker}; fails after {@code maxBytes} or the read timeout. */
  public String readUntil(String marker, int maxBytes) {
    java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    try {
      while (read.size() < maxBytes) {
        int n = in.read(buffer, 0, Math.min(buffer.length, maxBytes - read.size()));
        if (n < 0) {
          break;
        }
        read.write(buffer, 0, n);
        if (read.toString(StandardCharsets.UTF_8).contains(marker)) {
          return read.toString(StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new AssertionError("no '" + marker + "' in the body; read: " + read.toString(StandardCharsets.UTF_8), e);
    }
    throw new AssertionError("no '" + marker + "' in the body; read: " + read.toString(StandardCharsets.UTF_8));
  }

  /** Sends the request and reads its response. */
  public Response exchange(String request) {
    return send(request).read();
  }

  /**
   * Whether the server has closed the connection: a read sees the end of the stream (or a reset)
   * within the socket's timeout. Bytes still arriving are skipped.
   */
  public boolean closedByServer() {
    try {
      byte[] skip = new byte[8192];
      while (true) {
        if (in.read(skip) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Everything the server sends until it closes the connection (or the read times out), as ISO-8859-1. */
  public String readRest() {
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    try {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        rest.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // a timeout or a reset ends what there is to read
    }
    return rest.toString(StandardCharsets.ISO_8859_1);
  }

  public void setReadTimeout(int millis) {
    try {
      socket.setSoTimeout(millis);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** One response as read off the wire. */
  public record Response(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as JSON; fails the test when it is not a JSON object. */
    public JsonObject json() {
      return new JsonObject(body);
    }
  }
}
