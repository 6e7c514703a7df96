package io.tidings.identity;

import java.util.Locale;

/** How a node knows who is asking: {@code --auth}. */
public enum AuthMode {
  /** A browser claims a free name and gets a session for it: no password, no impersonation. */
  NICKNAME,
  /** The operator's identity provider issues JWTs; Tidings verifies them. */
  JWT,
  /** Whatever name a request says: for local demos and benchmarks only. */
  NONE;

  public static AuthMode parse(String text) {
    for (AuthMode mode : values()) {
      if (mode.name().equalsIgnoreCase(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("auth mode must be nickname, jwt or none, got '" + text + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
