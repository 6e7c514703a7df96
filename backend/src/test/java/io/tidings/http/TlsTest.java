package io.tidings.http;

import io.tidings.Tidings;
import io.tidings.config.InternalPortOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.config.TlsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Metrics;
import io.tidings.support.Multiplexing;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --tls-cert}/{@code --tls-key}: HTTPS with HTTP/2 through ALPN, and HTTP/1.1 still offered. */
class TlsTest {

  private static SelfSignedCertificate certificate;

  private TestNode node;
  private Vertx clientVertx;
  // held by the test: Vert.x closes a client that is no longer reachable, open streams and all
  private HttpClient client;

  @BeforeAll
  static void makeCertificate() {
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void deleteCertificate() {
    certificate.delete();
  }

  @AfterEach
  void stop() {
    if (clientVertx != null) {
      Await.result(clientVertx.close());
    }
    if (node != null) {
      node.close();
    }
  }

  private static TlsOptions tls() {
    return new TlsOptions().setCertFile(certificate.certificatePath()).setKeyFile(certificate.privateKeyPath());
  }

  private HttpClient client(HttpVersion version) {
    clientVertx = clientVertx == null ? Vertx.vertx() : clientVertx;
    client = clientVertx.createHttpClient(new HttpClientOptions().setProtocolVersion(version)
        .setSsl(true).setUseAlpn(true).setTrustAll(true).setVerifyHost(false),
      new PoolOptions().setHttp2MaxSize(1));
    return client;
  }

  @Test
  void moreThanSixStreamsShareOneHttp2ConnectionOverTls() {
    // metrics on the internal port, so that reading them opens no connection on the public one
    node = TestNode.start(new TidingsOptions().setTls(tls()).setInternalPort(new InternalPortOptions().setPort(0)));
    List<EventStream> streams = Multiplexing.openManyAndBroadcast(client(HttpVersion.HTTP_2), node.port());
    assertEquals(1.0, Metrics.internalValue(node, "tidings_connections_open"), "the node holds one connection for all " + Multiplexing.STREAMS + " streams");
    assertEquals(Multiplexing.STREAMS, node.getInternal("/health").bodyAsJsonObject().getInteger("streams"));
    streams.forEach(EventStream::close);
  }

  @Test
  void http11ClientsAreStillServedOverTlsAndToldToStayOnHttps() {
    node = TestNode.start(new TidingsOptions().setTls(tls()));
    HttpClientResponse response = Await.result(client(HttpVersion.HTTP_1_1)
      .request(HttpMethod.GET, node.port(), "127.0.0.1", "/api/online")
      .compose(request -> request.send())
      .compose(r -> r.body().map(r)));
    assertEquals(HttpVersion.HTTP_1_1, response.version());
    assertEquals(200, response.statusCode());
    String hsts = response.getHeader("Strict-Transport-Security");
    assertNotNull(hsts, "HSTS over TLS");
    assertTrue(hsts.startsWith("max-age="), hsts);
  }

  @Test
  void http11OverTlsIsStillReadByTheStrictDecoder() {
    node = TestNode.start(new TidingsOptions().setTls(tls()));
    try (RawHttp raw = RawHttp.connectTls(node.port())) {
      RawHttp.Response response = raw.exchange("POST /sse/message HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      assertEquals(400, response.status(), response.body());
      assertTrue(response.json().getString("errorMessage").contains("Content-Length and Transfer-Encoding"),
        response.body());
    }
  }

  @Test
  void aCertificateWithoutItsKeyOrAnUnreadableFileIsRefusedAtStartInWords() {
    String alone = startFailure(new TlsOptions().setCertFile(certificate.certificatePath()));
    assertTrue(alone.contains("--tls-key"), alone);
    String missing = startFailure(new TlsOptions().setCertFile("/nonexistent/cert.pem")
      .setKeyFile(certificate.privateKeyPath()));
    assertTrue(missing.contains("/nonexistent/cert.pem") && missing.contains("cannot be read"), missing);
    String withH2c = Await.failure(Tidings.start(new TidingsOptions().setTls(tls()).setH2c(true))).getMessage();
    assertTrue(withH2c.contains("--h2c"), withH2c);
  }

  private static String startFailure(TlsOptions tls) {
    return Await.failure(Tidings.start(new TidingsOptions().setHost("127.0.0.1").setPort(0).setTls(tls))).getMessage();
  }
}
