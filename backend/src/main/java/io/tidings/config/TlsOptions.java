package io.tidings.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTTPS on the public port: a PEM certificate (chain) and its PEM private key. Off when neither is
 * given; then the port speaks cleartext HTTP/1.1 (and HTTP/2 with {@code --h2c}).
 */
public final class TlsOptions {

  private String certFile;
  private String keyFile;

  public TlsOptions() {
  }

  public TlsOptions(TlsOptions other) {
    this(other.toJson());
  }

  public TlsOptions(JsonObject json) {
    setCertFile(json.getString("certFile"));
    setKeyFile(json.getString("keyFile"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("certFile", certFile).put("keyFile", keyFile);
  }

  /** The certificate, followed by any intermediates, in PEM; {@code null} when TLS is off. */
  public String getCertFile() {
    return certFile;
  }

  public TlsOptions setCertFile(String certFile) {
    this.certFile = certFile == null || certFile.isBlank() ? null : certFile;
    return this;
  }

  /** The certificate's private key in PEM (PKCS#8, or RSA or EC in their own form); {@code null} when TLS is off. */
  public String getKeyFile() {
    return keyFile;
  }

  public TlsOptions setKeyFile(String keyFile) {
    this.keyFile = keyFile == null || keyFile.isBlank() ? null : keyFile;
    return this;
  }

  public boolean isEnabled() {
    return certFile != null || keyFile != null;
  }

  /**
   * Throws unless both files or neither are given and both can be read: said at start-up in words,
   * rather than as whatever the TLS library makes of a missing file on the first listen.
   */
  public TlsOptions check() {
    if (!isEnabled()) {
      return this;
    }
    if (certFile == null || keyFile == null) {
      throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key; only "
        + (certFile == null ? "--tls-key" : "--tls-cert") + " was given");
    }
    readable("TLS certificate", certFile);
    readable("TLS private key", keyFile);
    return this;
  }

  private static void readable(String what, String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(what + " file " + file + " cannot be read");
    }
  }
}
