package io.tidings.identity;

import java.time.Instant;

/** A claimed name: the token goes to the client once and is never kept. */
public record Session(String user, String token, Instant expiresAt) {
}
