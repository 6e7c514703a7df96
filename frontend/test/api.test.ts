import { describe, expect, it } from 'vitest';
import { ChatApi } from '../src/protocol/api';
import { json, scriptedFetch } from './fakes';

describe('ChatApi.send', () => {
  it('postsJsonWithoutARecipientForEveryone', async () => {
    const { fetch, requests } = scriptedFetch(json({ succeeded: true, message: 'OK', id: 'm1' }));
    const result = await new ChatApi(fetch).send({ user: 'alice', message: 'hi\nthere', to: null });
    expect(result).toEqual({ ok: true, id: 'm1', recipientOnline: true });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe('/sse/message');
    expect(request?.init?.method).toBe('POST');
    expect(new Headers(request?.init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(request?.init?.body))).toEqual({ user: 'alice', message: 'hi\nthere' });
  });

  it('namesTheRecipientOfADirectMessage', async () => {
    const { fetch, requests } = scriptedFetch(json({ succeeded: true, id: 'm2' }));
    await new ChatApi(fetch).send({ user: 'bob', message: 'psst', to: 'alice' });
    expect(JSON.parse(String(requests[0]?.init?.body))).toEqual({ user: 'bob', message: 'psst', to: 'alice' });
  });

  it('returnsTheServersErrorMessage', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: false, errorMessage: 'carol is not online' }, 404));
    expect(await new ChatApi(fetch).send({ user: 'bob', message: 'x', to: 'carol' })).toEqual({
      ok: false,
      error: 'carol is not online',
    });
  });

  it('saysTheSessionEndedOn401', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: false, errorMessage: 'no credential' }, 401));
    expect(await new ChatApi(fetch).send({ user: 'bob', message: 'x', to: null })).toEqual({
      ok: false,
      error: 'Your session ended; sign in again.',
      sessionEnded: true,
    });
  });

  it('sendsTheSessionCookieAlong', async () => {
    const { fetch, requests } = scriptedFetch(json({ succeeded: true, id: 'm1' }));
    await new ChatApi(fetch).send({ user: 'bob', message: 'x', to: null });
    expect(requests[0]?.init?.credentials).toBe('same-origin');
  });

  it('reportsAnErrorThatIsNotJson', async () => {
    const { fetch } = scriptedFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const result = await new ChatApi(fetch).send({ user: 'bob', message: 'x', to: null });
    expect(result).toEqual({ ok: false, error: 'The server refused the message (HTTP 502).' });
  });

  it('reportsAnUnreachableServer', async () => {
    const { fetch } = scriptedFetch(new TypeError('Failed to fetch'));
    const result = await new ChatApi(fetch).send({ user: 'bob', message: 'x', to: null });
    expect(result).toEqual({ ok: false, error: 'Could not reach the server: Failed to fetch' });
  });
});

describe('ChatApi.online', () => {
  const names = (from: number, count: number) => Array.from({ length: count }, (_, i) => `u${from + i}`);

  it('readsPagesUntilEveryoneIsKnown', async () => {
    const { fetch, requests } = scriptedFetch(
      json({ total: 150, offset: 0, limit: 100, users: names(0, 100) }),
      json({ total: 150, offset: 100, limit: 100, users: names(100, 50) }),
    );
    const result = await new ChatApi(fetch).online(1000);
    expect(result.total).toBe(150);
    expect(result.users).toEqual(names(0, 150));
    expect(requests.map((r) => r.url)).toEqual([
      '/api/online?offset=0&limit=100',
      '/api/online?offset=100&limit=100',
    ]);
  });

  it('stopsAtTheCap', async () => {
    const { fetch, requests } = scriptedFetch(
      json({ total: 5000, offset: 0, limit: 100, users: names(0, 100) }),
      json({ total: 5000, offset: 100, limit: 50, users: names(100, 50) }),
    );
    const result = await new ChatApi(fetch).online(150);
    expect(result.users).toHaveLength(150);
    expect(result.total).toBe(5000);
    expect(requests[1]?.url).toBe('/api/online?offset=100&limit=50');
  });

  it('stopsOnAnEmptyPageEvenIfTheTotalSaysMore', async () => {
    const { fetch, requests } = scriptedFetch(
      json({ total: 10, offset: 0, limit: 100, users: names(0, 3) }),
      json({ total: 10, offset: 3, limit: 100, users: [] }),
    );
    expect((await new ChatApi(fetch).online(1000)).users).toHaveLength(3);
    expect(requests).toHaveLength(2);
  });

  it('failsOnAnErrorStatus', async () => {
    const { fetch } = scriptedFetch(json({ total: 1, offset: 0, limit: 100, users: ['stale'] }, 503));
    await expect(new ChatApi(fetch).online(1000)).rejects.toThrow('HTTP 503');
  });

  it('failsOnABodyThatIsNotAPage', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: false, errorMessage: 'nope' }, 200));
    await expect(new ChatApi(fetch).online(1000)).rejects.toThrow('HTTP 200');
  });
});
