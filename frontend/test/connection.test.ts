import { beforeEach, describe, expect, it } from 'vitest';
import { SseConnection, type ConnectionStatus } from '../src/protocol/connection';
import { FakeEventSource, ManualTimer } from './fakes';

const noJitter = { initialMs: 1000, maxMs: 15000, jitter: 0 };

function setup() {
  const timer = new ManualTimer();
  const connection = new SseConnection({
    eventSource: FakeEventSource,
    eventTypes: ['presence'],
    timer,
    backoff: noJitter,
    random: () => 0.5,
  });
  const states: string[] = [];
  const statuses: ConnectionStatus[] = [];
  connection.events.on('status', (s) => {
    states.push(s.state);
    statuses.push(s);
  });
  return { timer, connection, states, statuses };
}

beforeEach(() => FakeEventSource.reset());

describe('SseConnection', () => {
  it('goesConnectingThenOpenWhenTheStreamOpens', () => {
    const { connection, states } = setup();
    connection.open('/sse?user=alice');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice');
    FakeEventSource.latest().open();
    expect(states).toEqual(['connecting', 'open']);
  });

  it('showsReconnectingWhileTheBrowserRetriesADroppedStreamAndOpensNoSecondStream', () => {
    const { connection, states, timer } = setup();
    connection.open('/sse?user=alice');
    const source = FakeEventSource.latest();
    source.open();
    source.drop();
    expect(states.at(-1)).toBe('reconnecting');
    expect(connection.status.retryInMs).toBeNull();
    timer.advance(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    source.open();
    expect(states.at(-1)).toBe('open');
  });

  it('opensANewStreamAfterBackoffWhenTheBrowserGivesUp', () => {
    const { connection, states, timer } = setup();
    connection.open('/sse?user=alice');
    const first = FakeEventSource.latest();
    first.fail();
    expect(first.closed).toBe(true);
    expect(states.at(-1)).toBe('reconnecting');
    expect(connection.status.retryInMs).toBe(1000);
    timer.advance(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    timer.advance(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice');
    FakeEventSource.latest().open();
    expect(states.at(-1)).toBe('open');
  });

  it('doublesTheBackoffAfterEachFailureUpTo15Seconds', () => {
    const { connection, timer } = setup();
    connection.open('/sse?user=alice');
    const delays: (number | null)[] = [];
    for (let i = 0; i < 7; i++) {
      FakeEventSource.latest().fail();
      delays.push(connection.status.retryInMs);
      timer.advance(connection.status.retryInMs ?? 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  });

  it('startsTheBackoffAgainFromOneSecondAfterAStreamOpened', () => {
    const { connection, timer } = setup();
    connection.open('/sse?user=alice');
    FakeEventSource.latest().fail();
    timer.advance(1000);
    FakeEventSource.latest().fail();
    timer.advance(2000);
    FakeEventSource.latest().open();
    FakeEventSource.latest().fail();
    expect(connection.status.retryInMs).toBe(1000);
  });

  it('takesJitterOffTheDelayButNeverAddsAny', () => {
    const timer = new ManualTimer();
    const connection = new SseConnection({
      eventSource: FakeEventSource,
      eventTypes: [],
      timer,
      backoff: { initialMs: 1000, maxMs: 15000, jitter: 0.2 },
      random: () => 0.5,
    });
    connection.open('/sse?user=alice');
    FakeEventSource.latest().fail();
    expect(connection.status.retryInMs).toBe(900);
  });

  it('closeStopsAPendingReconnectAndReportsClosed', () => {
    const { connection, states, timer } = setup();
    connection.open('/sse?user=alice');
    FakeEventSource.latest().fail();
    expect(timer.pending).toBe(1);
    connection.close();
    expect(timer.pending).toBe(0);
    timer.advance(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
  });

  it('closeClosesTheOpenStream', () => {
    const { connection, states } = setup();
    connection.open('/sse?user=alice');
    const source = FakeEventSource.latest();
    source.open();
    connection.close();
    expect(source.closed).toBe(true);
    expect(states.at(-1)).toBe('closed');
  });

  it('ignoresEventsFromAStreamItHasReplaced', () => {
    const { connection, states } = setup();
    const events: string[] = [];
    connection.events.on('event', (e) => events.push(String(e.data)));
    connection.open('/sse?user=alice');
    const old = FakeEventSource.latest();
    connection.open('/sse?user=bob');
    const current = FakeEventSource.latest();
    expect(old.closed).toBe(true);
    current.open();
    old.emit('message', 'stale');
    old.fail();
    current.emit('message', 'fresh');
    expect(events).toEqual(['fresh']);
    expect(states.at(-1)).toBe('open');
  });

  it('reopensAfterBackoffFromTheLastEventIdItReceived', () => {
    const { connection, timer } = setup();
    connection.open('/sse?user=alice&history=50');
    const first = FakeEventSource.latest();
    first.open();
    first.emit('welcome', '{}', 'a.1.0');
    first.emit('message', 'm1', 'a.1.1');
    first.emit('presence', '{}'); // no id: the last one stands
    first.fail();
    timer.advance(1000);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&history=50&lastEventId=a.1.1');
    expect(connection.lastEventId).toBe('a.1.1');
  });

  it('replacesTheLastEventIdTheUrlHad', () => {
    const { connection, timer } = setup();
    connection.open('/sse?user=alice&lastEventId=a.1.0');
    FakeEventSource.latest().emit('message', 'm1', 'a.1.1');
    FakeEventSource.latest().fail();
    timer.advance(1000);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.1.1');
    FakeEventSource.latest().emit('message', 'm2', 'a.1.2');
    FakeEventSource.latest().fail();
    timer.advance(2000);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.1.2');
  });

  it('reopensWithTheUrlAsGivenBeforeAnyId', () => {
    const { connection, timer } = setup();
    connection.open('/sse?user=alice&lastEventId=a.1.7');
    FakeEventSource.latest().emit('presence', '{}');
    FakeEventSource.latest().fail();
    timer.advance(1000);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.1.7');
  });

  it('forgetsTheLastEventIdOnAnExplicitOpen', () => {
    const { connection, timer } = setup();
    connection.open('/sse?user=alice');
    FakeEventSource.latest().emit('message', 'm1', 'a.1.1');
    connection.open('/sse?user=bob&history=50');
    expect(connection.lastEventId).toBeNull();
    FakeEventSource.latest().fail();
    timer.advance(1000);
    expect(FakeEventSource.latest().url).toBe('/sse?user=bob&history=50');
  });

  it('ignoresTheIdsOfAStreamItHasReplaced', () => {
    const { connection } = setup();
    connection.open('/sse?user=alice');
    const old = FakeEventSource.latest();
    connection.open('/sse?user=alice');
    old.emit('message', 'stale', 'a.1.9');
    expect(connection.lastEventId).toBeNull();
  });

  it('showsReconnectingWhenTheServerAsksAndLetsTheBrowserReconnect', () => {
    const { connection, states, timer } = setup();
    const events: string[] = [];
    connection.events.on('event', (e) => events.push(e.type));
    connection.open('/sse?user=alice');
    const source = FakeEventSource.latest();
    source.open();
    source.emit('reconnect', { reason: 'this node is shutting down' });
    expect(states.at(-1)).toBe('reconnecting');
    expect(events).toEqual(['reconnect']);
    source.drop(); // the server ended the stream; the browser retries with Last-Event-ID
    timer.advance(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    source.open();
    expect(states.at(-1)).toBe('open');
  });

  it('forwardsDefaultAndListedEventTypesOnly', () => {
    const { connection } = setup();
    const events: string[] = [];
    connection.events.on('event', (e) => events.push(`${e.type}:${String(e.data)}`));
    connection.open('/sse?user=alice');
    const source = FakeEventSource.latest();
    source.emit('message', 'a');
    source.emit('presence', 'b');
    source.emit('unknown', 'c');
    expect(events).toEqual(['message:a', 'presence:b']);
  });
});
