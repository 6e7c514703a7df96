package io.tidings.history;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules both engines share: what a read after a position returns, and when it says something is gone. */
class ChannelLogTest {

  private static final long HOUR = 3600L * 1_000_000;

  @Test
  void readAfterAPositionReturnsWhatFollowsInOrder() {
    ChannelLog log = log(5, 1000);
    Slice slice = log.after(log.epoch(), 2, Integer.MAX_VALUE, 0);
    assertEquals(Gap.NONE, slice.gap());
    assertEquals(List.of(3L, 4L, 5L), seqs(slice));
    assertEquals(5, slice.lastSeq());
  }

  @Test
  void aPositionBeforeWhatIsKeptIsExpiredAndGetsEverythingKept() {
    ChannelLog log = log(10, 4);
    Slice slice = log.after(log.epoch(), 3, Integer.MAX_VALUE, 0);
    assertEquals(Gap.EXPIRED, slice.gap());
    assertEquals(List.of(7L, 8L, 9L, 10L), seqs(slice));
    assertEquals(Gap.NONE, log.after(log.epoch(), 6, Integer.MAX_VALUE, 0).gap(), "right before the oldest kept");
  }

  @Test
  void aPositionOfAnotherEpochIsAResetAndOnePastTheEndIsUnknown() {
    ChannelLog log = log(3, 100);
    assertEquals(Gap.RESET, log.after(log.epoch() + 1, 1, Integer.MAX_VALUE, 0).gap());
    assertEquals(Gap.UNKNOWN, log.after(log.epoch(), 4, Integer.MAX_VALUE, 0).gap());
    assertEquals(List.of(1L, 2L, 3L), seqs(log.after(log.epoch(), 99, Integer.MAX_VALUE, 0)));
  }

  @Test
  void aReaderFromBeforeTheChannelExistedMissesNothingUnlessEventsWereDropped() {
    assertEquals(Gap.NONE, log(3, 100).after(0, 0, Integer.MAX_VALUE, 0).gap());
    assertEquals(Gap.EXPIRED, log(3, 2).after(0, 0, Integer.MAX_VALUE, 0).gap());
    assertEquals(Gap.NONE, ChannelLog.absent(0).gap());
    assertEquals(Gap.RESET, ChannelLog.absent(12345).gap());
  }

  @Test
  void eventsOlderThanTheAgeBoundAreNotReturnedAndCountAsExpired() {
    ChannelLog log = new ChannelLog(7);
    log.append(1 * HOUR, "{}", 100, 10 * HOUR);
    log.append(5 * HOUR, "{}", 100, 10 * HOUR);
    log.append(9 * HOUR, "{}", 100, 10 * HOUR);
    long oldestKept = 4 * HOUR;
    Slice slice = log.after(7, 0, Integer.MAX_VALUE, oldestKept);
    assertEquals(List.of(2L, 3L), seqs(slice));
    assertEquals(Gap.EXPIRED, slice.gap());
    assertEquals(List.of(3L), seqs(log.latest(1, oldestKept)));
  }

  @Test
  void withNothingKeptTheOrderStillCountsAndAResumeFromTheEndMissesNothing() {
    ChannelLog log = log(4, 0);
    assertEquals(4, log.lastSeq());
    assertEquals(Gap.NONE, log.after(log.epoch(), 4, Integer.MAX_VALUE, 0).gap());
    assertEquals(Gap.EXPIRED, log.after(log.epoch(), 3, Integer.MAX_VALUE, 0).gap());
  }

  @Test
  void anAppendRunAgainAfterAFailoverKeepsTheEventOnce() {
    ChannelLog log = log(3, 100);
    StoredEvent first = log.append(10, "{\"data\":\"x\"}", 100, HOUR);
    StoredEvent again = log.append(10, "{\"data\":\"x\"}", 100, HOUR);
    assertEquals(first, again);
    assertEquals(4, log.lastSeq());
    assertEquals(5, log.append(11, "{\"data\":\"x\"}", 100, HOUR).seq(), "the same text published again is a new event");
  }

  private static ChannelLog log(int events, int maxSize) {
    ChannelLog log = new ChannelLog(ChannelLog.newEpoch());
    for (int i = 1; i <= events; i++) {
      log.append(i, "{\"data\":" + i + "}", maxSize, HOUR);
    }
    return log;
  }

  private static List<Long> seqs(Slice slice) {
    return slice.events().stream().map(StoredEvent::seq).toList();
  }
}
