import { beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../src/protocol/api';
import type { RosterView } from '../src/protocol/roster';
import { ChatSession } from '../src/protocol/session';
import type { ChatMessage } from '../src/protocol/types';
import { FakeEventSource, json, ManualTimer, scriptedFetch } from './fakes';

const noFetch: FetchLike = () => Promise.reject(new Error('no request expected'));

function setup(fetch: FetchLike = noFetch, onlineCap?: number) {
  const session = new ChatSession({
    eventSource: FakeEventSource,
    fetch,
    timer: new ManualTimer(),
    random: () => 0,
    ...(onlineCap === undefined ? {} : { onlineCap }),
  });
  const messages: ChatMessage[] = [];
  const rosters: RosterView[] = [];
  const statuses: string[] = [];
  session.events.on('message', (m) => messages.push(m));
  session.events.on('roster', (r) => rosters.push(r));
  session.events.on('status', (s) => statuses.push(s));
  return { session, messages, rosters, statuses };
}

function connected(fetch?: FetchLike, onlineCap?: number) {
  const parts = setup(fetch, onlineCap);
  parts.session.connect('alice');
  FakeEventSource.latest().open();
  return { ...parts, source: FakeEventSource.latest() };
}

const chat = (id: string, text = 'hi'): ChatMessage => ({
  id,
  user: 'bob',
  message: text,
  to: null,
  time: '2026-11-22T22:00:00.123Z',
});

/** Lets pending promise callbacks (the fake fetch) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => FakeEventSource.reset());

describe('ChatSession.connect', () => {
  it('opensTheStreamForTheUserWithPresenceAndTheRecentConversation', () => {
    setup().session.connect('alice.b-c_1');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice.b-c_1&history=50');
  });

  it('optsOutOfPresenceWhenAsked', () => {
    setup().session.connect('alice', false);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&presence=false&history=50');
  });

  it('resumesAfterTheLastEventIdWhenTheSameUserConnectsAgain', () => {
    const { session, source } = connected();
    source.emit('welcome', { user: 'alice', heartbeatMs: 15000 }, 'a.k.1_u.k.0');
    source.emit('message', chat('m1'), 'a.k.2_u.k.0');
    session.close();
    session.connect('alice');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.k.2_u.k.0');
  });

  it('keepsTheResumePointOfAStreamThatReceivedNoIdYet', () => {
    const { session, source } = connected();
    source.emit('message', chat('m1'), 'a.k.2_u.k.0');
    session.close();
    session.connect('alice');
    session.close(); // before the resumed stream said anything
    session.connect('alice');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.k.2_u.k.0');
  });

  it('startsAnotherUserWithTheRecentConversationNotTheLastId', () => {
    const { session, source } = connected();
    source.emit('message', chat('m1'), 'a.k.2_u.k.0');
    session.close();
    session.connect('bob');
    expect(FakeEventSource.latest().url).toBe('/sse?user=bob&history=50');
  });

  it.each(['', 'a'.repeat(33), 'bad name', 'é', 'a/b', 'a&presence=false'])(
    'refusesTheInvalidName %j without opening a stream',
    (name) => {
      const result = setup().session.connect(name);
      expect(result.ok).toBe(false);
      expect(FakeEventSource.instances).toHaveLength(0);
    },
  );

  it('acceptsA32CharacterName', () => {
    expect(setup().session.connect('a'.repeat(32)).ok).toBe(true);
  });
});

describe('ChatSession events', () => {
  it('passesOnDecodedChatMessages', () => {
    const { source, messages } = connected();
    source.emit('message', chat('m1', 'line one\nline two'));
    expect(messages).toEqual([chat('m1', 'line one\nline two')]);
  });

  it('dropsAMessageItHasAlreadyShown', () => {
    const { source, messages } = connected();
    source.emit('message', chat('m1'));
    source.emit('message', chat('m1'));
    source.emit('message', chat('m2'));
    expect(messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('survivesAMalformedEvent', () => {
    const { source, messages } = connected();
    source.emit('message', '{not json');
    source.emit('presence', '[]');
    source.emit('message', chat('m1'));
    expect(messages.map((m) => m.id)).toEqual(['m1']);
  });

  it('passesOnAMissedNotice', () => {
    const { session, source } = connected();
    const missed: unknown[] = [];
    session.events.on('missed', (m) => missed.push(m));
    source.emit('missed', { reason: 'reset', message: 'the history was started again' });
    expect(missed).toEqual([{ reason: 'reset', message: 'the history was started again' }]);
  });

  it('passesOnAMissedNoticeEvenWhenItsDataIsUnreadable', () => {
    const { session, source } = connected();
    const missed: string[] = [];
    session.events.on('missed', (m) => missed.push(m.reason));
    source.emit('missed', '{broken');
    expect(missed).toEqual(['unknown']);
  });

  it('passesOnTheLatestStatusText', () => {
    const { source, statuses } = connected();
    source.emit('status', { phase: 'warming up' });
    expect(statuses).toEqual(['{"phase":"warming up"}']);
  });

  it('buildsTheOnlineListFromSnapshotAndChanges', () => {
    const { source, rosters } = connected();
    source.emit('presence', { type: 'snapshot', online: ['alice', 'bob'], total: 2, truncated: false });
    source.emit('presence', { type: 'change', joined: ['carol'], left: ['bob'], total: 2 });
    expect(rosters.at(-1)).toEqual({ users: ['alice', 'carol'], total: 2 });
  });

  it('emptiesTheOnlineListOnClose', () => {
    const { session, source, rosters } = connected();
    source.emit('presence', { type: 'snapshot', online: ['alice', 'bob'], total: 2, truncated: false });
    session.close();
    expect(rosters.at(-1)).toEqual({ users: [], total: 0 });
  });
});

describe('ChatSession full online list', () => {
  it('fetchesTheFullListWhenTheSnapshotIsTruncated', async () => {
    const { fetch, requests } = scriptedFetch(json({ total: 3, offset: 0, limit: 100, users: ['alice', 'bob', 'carol'] }));
    const { source, rosters } = connected(fetch);
    source.emit('presence', { type: 'snapshot', online: ['alice'], total: 3, truncated: true });
    await settle();
    expect(requests.map((r) => r.url)).toEqual(['/api/online?offset=0&limit=100']);
    expect(rosters.at(-1)).toEqual({ users: ['alice', 'bob', 'carol'], total: 3 });
  });

  it('doesNotFetchWhenTheSnapshotIsComplete', async () => {
    const { fetch, requests } = scriptedFetch();
    const { source, rosters } = connected(fetch);
    source.emit('presence', { type: 'snapshot', online: ['alice'], total: 1, truncated: false });
    await settle();
    expect(requests).toEqual([]);
    expect(rosters.at(-1)).toEqual({ users: ['alice'], total: 1 });
  });

  it('fetchesNoMoreThanTheCap', async () => {
    const { fetch, requests } = scriptedFetch(json({ total: 9, offset: 0, limit: 2, users: ['a', 'b'] }));
    const { source } = connected(fetch, 2);
    source.emit('presence', { type: 'snapshot', online: ['a'], total: 9, truncated: true });
    await settle();
    expect(requests.map((r) => r.url)).toEqual(['/api/online?offset=0&limit=2']);
  });

  it('replaysChangesThatArriveWhileTheListIsFetched', async () => {
    let answer: (r: Response) => void = () => undefined;
    const { fetch } = scriptedFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { source, rosters } = connected(fetch);
    source.emit('presence', { type: 'snapshot', online: ['alice'], total: 3, truncated: true });
    await settle();
    source.emit('presence', { type: 'change', joined: ['dave'], left: ['bob'], total: 3 });
    answer(json({ total: 3, offset: 0, limit: 100, users: ['alice', 'bob', 'carol'] }));
    await settle();
    expect(rosters.at(-1)).toEqual({ users: ['alice', 'carol', 'dave'], total: 3 });
  });

  it('dropsAFetchedListThatANewerSnapshotReplaced', async () => {
    let answer: (r: Response) => void = () => undefined;
    const { fetch } = scriptedFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { source, rosters } = connected(fetch);
    source.emit('presence', { type: 'snapshot', online: ['alice'], total: 3, truncated: true });
    await settle();
    source.emit('presence', { type: 'snapshot', online: ['alice', 'erin'], total: 2, truncated: false });
    answer(json({ total: 3, offset: 0, limit: 100, users: ['alice', 'bob', 'carol'] }));
    await settle();
    expect(rosters.at(-1)).toEqual({ users: ['alice', 'erin'], total: 2 });
  });
});

describe('ChatSession.send', () => {
  it('sendsAsTheConnectedUserToTheChosenRecipient', async () => {
    const { fetch, requests } = scriptedFetch(json({ succeeded: true, id: 'm1' }));
    const { session } = connected(fetch);
    expect(await session.send('psst', 'bob')).toEqual({ ok: true, id: 'm1', recipientOnline: true });
    expect(JSON.parse(String(requests[0]?.init?.body))).toEqual({ user: 'alice', message: 'psst', to: 'bob' });
  });

  it('reportsAMessageKeptForAnOfflineRecipientAsSent', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: true, message: 'OK', id: 'm1', recipientOnline: false }));
    const { session } = connected(fetch);
    expect(await session.send('psst', 'bob')).toEqual({ ok: true, id: 'm1', recipientOnline: false });
  });

  it('refusesToSendBeforeConnecting', async () => {
    const { session } = setup();
    expect(await session.send('hi', null)).toEqual({ ok: false, error: 'Connect first.' });
  });

  it('refusesToSendAfterClose', async () => {
    const { fetch, requests } = scriptedFetch();
    const { session } = connected(fetch);
    session.close();
    expect(await session.send('hi', null)).toEqual({ ok: false, error: 'Connect first.' });
    expect(requests).toEqual([]);
  });

  it('refusesAnEmptyMessage', async () => {
    const { session } = connected();
    expect(await session.send(' \n ', null)).toEqual({ ok: false, error: 'The message is empty.' });
  });
});
