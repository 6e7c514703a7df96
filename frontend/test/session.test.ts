import { beforeEach, describe, expect, it } from 'vitest';
import type { RosterView } from '../src/protocol/roster';
import { ChatSession } from '../src/protocol/session';
import type { ChatMessage } from '../src/protocol/types';
import { FakeEventSource, FakeSessionServer, json, ManualTimer } from './fakes';

function setup(server = new FakeSessionServer(), onlineCap?: number) {
  const timer = new ManualTimer();
  const session = new ChatSession({
    eventSource: FakeEventSource,
    fetch: server.fetch,
    timer,
    random: () => 0,
    ...(onlineCap === undefined ? {} : { onlineCap }),
  });
  const messages: ChatMessage[] = [];
  const rosters: RosterView[] = [];
  const statuses: string[] = [];
  session.events.on('message', (m) => messages.push(m));
  session.events.on('roster', (r) => rosters.push(r));
  session.events.on('status', (s) => statuses.push(s));
  return { session, server, timer, messages, rosters, statuses };
}

async function connected(server?: FakeSessionServer, onlineCap?: number) {
  const parts = setup(server, onlineCap);
  expect(await parts.session.connect('alice')).toEqual({ ok: true });
  FakeEventSource.latest().open();
  return { ...parts, source: FakeEventSource.latest() };
}

/** The requests other than /api/session. */
const chatRequests = (server: FakeSessionServer) => server.requests.filter((r) => r.url !== '/api/session');

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
  it('opensTheStreamForTheUserWithPresenceAndTheRecentConversation', async () => {
    await setup().session.connect('alice.b-c_1');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice.b-c_1&history=50');
  });

  it('optsOutOfPresenceWhenAsked', async () => {
    await setup().session.connect('alice', false);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&presence=false&history=50');
  });

  it('resumesAfterTheLastEventIdWhenTheSameUserConnectsAgain', async () => {
    const { session, source } = await connected();
    source.emit('welcome', { user: 'alice', heartbeatMs: 15000 }, 'a.k.1_u.k.0');
    source.emit('message', chat('m1'), 'a.k.2_u.k.0');
    await session.close();
    await session.connect('alice');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.k.2_u.k.0');
  });

  it('keepsTheResumePointOfAStreamThatReceivedNoIdYet', async () => {
    const { session, source } = await connected();
    source.emit('message', chat('m1'), 'a.k.2_u.k.0');
    await session.close();
    await session.connect('alice');
    await session.close(); // before the resumed stream said anything
    await session.connect('alice');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.k.2_u.k.0');
  });

  it('startsAnotherUserWithTheRecentConversationNotTheLastId', async () => {
    const { session, source } = await connected();
    source.emit('message', chat('m1'), 'a.k.2_u.k.0');
    await session.close();
    await session.connect('bob');
    expect(FakeEventSource.latest().url).toBe('/sse?user=bob&history=50');
  });

  it.each(['', 'a'.repeat(33), 'bad name', 'é', 'a/b', 'a&presence=false'])(
    'refusesTheInvalidName %j without opening a stream',
    async (name) => {
      const result = await setup().session.connect(name);
      expect(result.ok).toBe(false);
      expect(FakeEventSource.instances).toHaveLength(0);
    },
  );

  it('acceptsA32CharacterName', async () => {
    expect((await setup().session.connect('a'.repeat(32))).ok).toBe(true);
  });
});

describe('ChatSession events', () => {
  it('passesOnDecodedChatMessages', async () => {
    const { source, messages } = await connected();
    source.emit('message', chat('m1', 'line one\nline two'));
    expect(messages).toEqual([chat('m1', 'line one\nline two')]);
  });

  it('dropsAMessageItHasAlreadyShown', async () => {
    const { source, messages } = await connected();
    source.emit('message', chat('m1'));
    source.emit('message', chat('m1'));
    source.emit('message', chat('m2'));
    expect(messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('survivesAMalformedEvent', async () => {
    const { source, messages } = await connected();
    source.emit('message', '{not json');
    source.emit('presence', '[]');
    source.emit('message', chat('m1'));
    expect(messages.map((m) => m.id)).toEqual(['m1']);
  });

  it('passesOnAMissedNotice', async () => {
    const { session, source } = await connected();
    const missed: unknown[] = [];
    session.events.on('missed', (m) => missed.push(m));
    source.emit('missed', { reason: 'reset', message: 'the history was started again' });
    expect(missed).toEqual([{ reason: 'reset', message: 'the history was started again' }]);
  });

  it('passesOnAMissedNoticeEvenWhenItsDataIsUnreadable', async () => {
    const { session, source } = await connected();
    const missed: string[] = [];
    session.events.on('missed', (m) => missed.push(m.reason));
    source.emit('missed', '{broken');
    expect(missed).toEqual(['unknown']);
  });

  it('passesOnTheLatestStatusText', async () => {
    const { source, statuses } = await connected();
    source.emit('status', { phase: 'warming up' });
    expect(statuses).toEqual(['{"phase":"warming up"}']);
  });

  it('buildsTheOnlineListFromSnapshotAndChanges', async () => {
    const { source, rosters } = await connected();
    source.emit('presence', { type: 'snapshot', online: ['alice', 'bob'], total: 2, truncated: false });
    source.emit('presence', { type: 'change', joined: ['carol'], left: ['bob'], total: 2 });
    expect(rosters.at(-1)).toEqual({ users: ['alice', 'carol'], total: 2 });
  });

  it('emptiesTheOnlineListOnClose', async () => {
    const { session, source, rosters } = await connected();
    source.emit('presence', { type: 'snapshot', online: ['alice', 'bob'], total: 2, truncated: false });
    await session.close();
    expect(rosters.at(-1)).toEqual({ users: [], total: 0 });
  });
});

describe('ChatSession full online list', () => {
  it('fetchesTheFullListWhenTheSnapshotIsTruncated', async () => {
    const server = new FakeSessionServer(json({ total: 3, offset: 0, limit: 100, users: ['alice', 'bob', 'carol'] }));
    const { source, rosters } = await connected(server);
    source.emit('presence', { type: 'snapshot', online: ['alice'], total: 3, truncated: true });
    await settle();
    expect(chatRequests(server).map((r) => r.url)).toEqual(['/api/online?offset=0&limit=100']);
    expect(rosters.at(-1)).toEqual({ users: ['alice', 'bob', 'carol'], total: 3 });
  });

  it('doesNotFetchWhenTheSnapshotIsComplete', async () => {
    const server = new FakeSessionServer();
    const { source, rosters } = await connected(server);
    source.emit('presence', { type: 'snapshot', online: ['alice'], total: 1, truncated: false });
    await settle();
    expect(chatRequests(server)).toEqual([]);
    expect(rosters.at(-1)).toEqual({ users: ['alice'], total: 1 });
  });

  it('fetchesNoMoreThanTheCap', async () => {
    const server = new FakeSessionServer(json({ total: 9, offset: 0, limit: 2, users: ['a', 'b'] }));
    const { source } = await connected(server, 2);
    source.emit('presence', { type: 'snapshot', online: ['a'], total: 9, truncated: true });
    await settle();
    expect(chatRequests(server).map((r) => r.url)).toEqual(['/api/online?offset=0&limit=2']);
  });

  it('replaysChangesThatArriveWhileTheListIsFetched', async () => {
    let answer: (r: Response) => void = () => undefined;
    const server = new FakeSessionServer(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { source, rosters } = await connected(server);
    source.emit('presence', { type: 'snapshot', online: ['alice'], total: 3, truncated: true });
    await settle();
    source.emit('presence', { type: 'change', joined: ['dave'], left: ['bob'], total: 3 });
    answer(json({ total: 3, offset: 0, limit: 100, users: ['alice', 'bob', 'carol'] }));
    await settle();
    expect(rosters.at(-1)).toEqual({ users: ['alice', 'carol', 'dave'], total: 3 });
  });

  it('dropsAFetchedListThatANewerSnapshotReplaced', async () => {
    let answer: (r: Response) => void = () => undefined;
    const server = new FakeSessionServer(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { source, rosters } = await connected(server);
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
    const server = new FakeSessionServer(json({ succeeded: true, id: 'm1' }));
    const { session } = await connected(server);
    expect(await session.send('psst', 'bob')).toEqual({ ok: true, id: 'm1', recipientOnline: true });
    expect(JSON.parse(String(chatRequests(server)[0]?.init?.body))).toEqual({ user: 'alice', message: 'psst', to: 'bob' });
  });

  it('reportsAMessageKeptForAnOfflineRecipientAsSent', async () => {
    const server = new FakeSessionServer(json({ succeeded: true, message: 'OK', id: 'm1', recipientOnline: false }));
    const { session } = await connected(server);
    expect(await session.send('psst', 'bob')).toEqual({ ok: true, id: 'm1', recipientOnline: false });
  });

  it('refusesToSendBeforeConnecting', async () => {
    const { session } = setup();
    expect(await session.send('hi', null)).toEqual({ ok: false, error: 'Connect first.' });
  });

  it('refusesToSendAfterClose', async () => {
    const server = new FakeSessionServer();
    const { session } = await connected(server);
    await session.close();
    expect(await session.send('hi', null)).toEqual({ ok: false, error: 'Connect first.' });
    expect(chatRequests(server)).toEqual([]);
  });

  it('refusesAnEmptyMessage', async () => {
    const { session } = await connected();
    expect(await session.send(' \n ', null)).toEqual({ ok: false, error: 'The message is empty.' });
  });
});

describe('ChatSession sign-in', () => {
  it('claimsTheNameBeforeItOpensTheStream', async () => {
    const { session, server } = setup();
    const opening = session.connect('alice');
    expect(session.status.state).toBe('connecting');
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(await opening).toEqual({ ok: true });
    expect(server.sessionRequests).toEqual(['POST /api/session']);
    expect(JSON.parse(String(server.requests[0]?.init?.body))).toEqual({ user: 'alice' });
    expect(server.requests[0]?.init?.credentials).toBe('same-origin');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&history=50');
  });

  it('saysInWordsThatATakenNameIsTakenAndOpensNoStream', async () => {
    const server = new FakeSessionServer();
    server.taken.add('alice');
    const { session } = setup(server);
    expect(await session.connect('alice')).toEqual({
      ok: false,
      error: "That name is taken: the name 'alice' is taken; choose another",
    });
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(session.status.state).toBe('closed');
  });

  it('claimsNothingForAnInvalidName', async () => {
    const { session, server } = setup();
    await session.connect('bad name');
    expect(server.requests).toEqual([]);
  });

  it('worksAsBeforeWhenTheServerKeepsNoSessions', async () => {
    const server = new FakeSessionServer();
    server.mode = 'none';
    const { session, source, timer } = await connected(server);
    const ended: string[] = [];
    session.events.on('ended', (text) => ended.push(text));
    source.fail();
    await settle();
    timer.advance(1000);
    // GET /api/session answers 401 in this mode: asking it would end a session that never was.
    expect(server.sessionRequests).toEqual(['POST /api/session']);
    expect(ended).toEqual([]);
    expect(FakeEventSource.instances).toHaveLength(2);
    await session.close();
    expect(server.sessionRequests).toEqual(['POST /api/session']);
  });

  it('takesTheUserOfASessionTheCookieStillHoldsWithoutClaimingItAgain', async () => {
    const server = new FakeSessionServer();
    server.session = 'alice';
    const { session } = setup(server);
    expect(await session.restore()).toBe('alice');
    await session.connect('alice');
    expect(server.sessionRequests).toEqual(['GET /api/session']);
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&history=50');
  });

  it('restoresNobodyWithoutASession', async () => {
    const { session } = setup();
    expect(await session.restore()).toBeNull();
  });

  it('givesUpTheNameOnClose', async () => {
    const { session, server } = await connected();
    await session.close();
    expect(server.sessionRequests).toEqual(['POST /api/session', 'DELETE /api/session']);
    expect(server.session).toBeNull();
    expect(session.status.state).toBe('closed');
  });

  it('opensNoStreamWhenClosedWhileTheClaimIsOnItsWay', async () => {
    const { session, server } = setup();
    const opening = session.connect('alice');
    await session.close();
    expect((await opening).ok).toBe(false);
    await settle();
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(server.session).toBeNull(); // the name the late claim got is given up again
    expect(session.status.state).toBe('closed');
  });
});

describe('ChatSession when the session ends', () => {
  it('stopsReconnectingAndSaysSoWhenTheServerNoLongerKnowsTheSession', async () => {
    const { session, server, source, timer } = await connected();
    const ended: string[] = [];
    session.events.on('ended', (text) => ended.push(text));
    server.session = null; // expired, or given up in another tab
    source.fail(); // a refused stream, as EventSource shows it
    await settle();
    expect(server.sessionRequests).toEqual(['POST /api/session', 'GET /api/session']);
    expect(ended).toEqual(['Your session ended; sign in again.']);
    expect(session.status).toEqual({ state: 'closed', retryInMs: null });
    timer.advance(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('endsWhenTheCookieNowHoldsAnotherName', async () => {
    const { session, server, source } = await connected();
    const ended: string[] = [];
    session.events.on('ended', (text) => ended.push(text));
    server.session = 'bob'; // another tab of this browser signed in as bob
    source.fail();
    await settle();
    expect(ended).toHaveLength(1);
    expect(session.status.state).toBe('closed');
  });

  it('keepsReconnectingWhileTheSessionHoldsOrTheServerIsDown', async () => {
    const { session, server, source, timer } = await connected();
    const ended: string[] = [];
    session.events.on('ended', (text) => ended.push(text));
    source.fail();
    await settle();
    timer.advance(1000);
    server.unreachable = true;
    FakeEventSource.latest().fail();
    await settle();
    timer.advance(2000);
    expect(ended).toEqual([]);
    expect(FakeEventSource.instances).toHaveLength(3);
    expect(session.status.state).toBe('reconnecting');
  });

  it('endsWhenAMessageIsRefusedFor401', async () => {
    const server = new FakeSessionServer(json({ succeeded: false, errorMessage: 'your session expired' }, 401));
    const { session } = await connected(server);
    const ended: string[] = [];
    session.events.on('ended', (text) => ended.push(text));
    expect(await session.send('hi', null)).toEqual({
      ok: false,
      error: 'Your session ended; sign in again.',
      sessionEnded: true,
    });
    expect(ended).toEqual(['Your session ended; sign in again.']);
    expect(FakeEventSource.latest().closed).toBe(true);
  });

  it('signsInAgainAndResumesWhereTheStreamStood', async () => {
    const { session, server, source } = await connected();
    source.emit('message', chat('m1'), 'a.k.2_u.k.0');
    server.session = null;
    source.fail();
    await settle();
    expect(session.status.state).toBe('closed');
    expect(await session.connect('alice')).toEqual({ ok: true });
    expect(server.sessionRequests.at(-1)).toBe('POST /api/session');
    expect(FakeEventSource.latest().url).toBe('/sse?user=alice&lastEventId=a.k.2_u.k.0');
  });
});
