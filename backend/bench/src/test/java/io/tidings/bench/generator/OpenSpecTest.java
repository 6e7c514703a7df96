package io.tidings.bench.generator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A stream's URI: its index, and the credential given for that index. */
class OpenSpecTest {

  @Test
  void eachStreamCarriesTheTokenOfItsOwnIndex() {
    OpenSpec spec = new OpenSpec("127.0.0.1", 8080, "/sse?user=u{i}&access_token={token}", 10, 13, null, 4, 1000,
      false, false, List.of("a", "b", "c"));
    assertEquals("/sse?user=u10&access_token=a", spec.uri(10));
    assertEquals("/sse?user=u12&access_token=c", spec.uri(12));
    assertEquals(spec.uri(11), OpenSpec.fromJson(spec.toJson()).uri(11), "the same after a trip through JSON");
  }

  @Test
  void aUriThatTakesATokenWithoutTokensIsRefused() {
    OpenSpec spec = new OpenSpec("127.0.0.1", 8080, "/sse?access_token={token}", 0, 2, null, 4, 1000);
    assertThrows(IllegalStateException.class, () -> spec.uri(0));
    assertEquals("/sse?user=u1", new OpenSpec("127.0.0.1", 8080, "/sse?user=u{i}", 0, 2, null, 4, 1000).uri(1));
  }
}
