import { describe, expect, it } from 'vitest';
import { IdentityApi } from '../src/protocol/identity';
import { json, scriptedFetch } from './fakes';

describe('IdentityApi.claim', () => {
  it('postsTheNameAsJsonWithTheSameOriginCookie', async () => {
    const { fetch, requests } = scriptedFetch(json({ user: 'alice', token: 't1', expiresAt: '2026-12-03T20:00:00Z' }));
    expect(await new IdentityApi(fetch).claim('alice')).toEqual({ ok: true, user: 'alice', session: true });
    const [request] = requests;
    expect(request?.url).toBe('/api/session');
    expect(request?.init?.method).toBe('POST');
    expect(request?.init?.credentials).toBe('same-origin');
    expect(new Headers(request?.init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(request?.init?.body))).toEqual({ user: 'alice' });
  });

  it('seesNoSessionWhenTheServerGivesNoToken', async () => {
    const { fetch } = scriptedFetch(json({ user: 'alice', token: null, expiresAt: null }));
    expect(await new IdentityApi(fetch).claim('alice')).toEqual({ ok: true, user: 'alice', session: false });
  });

  it('saysATakenNameIsTakenInTheServersWords', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: false, errorMessage: "the name 'bob' is taken; choose another" }, 409));
    expect(await new IdentityApi(fetch).claim('bob')).toEqual({
      ok: false,
      error: "That name is taken: the name 'bob' is taken; choose another",
    });
  });

  it('saysWhenToTryAgainAfterTooManyClaims', async () => {
    const reply = new Response(JSON.stringify({ succeeded: false, errorMessage: 'too many sessions from this address' }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
    });
    const { fetch } = scriptedFetch(reply);
    expect(await new IdentityApi(fetch).claim('bob')).toEqual({
      ok: false,
      error: 'too many sessions from this address. Try again in 30 s.',
    });
  });

  it('passesOnAnyOtherRefusalInTheServersWords', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: false, errorMessage: 'sessions come from your identity provider in jwt mode' }, 404));
    expect(await new IdentityApi(fetch).claim('bob')).toEqual({
      ok: false,
      error: 'sessions come from your identity provider in jwt mode',
    });
  });

  it('namesTheStatusOfARefusalThatIsNotJson', async () => {
    const { fetch } = scriptedFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await new IdentityApi(fetch).claim('bob')).toEqual({ ok: false, error: 'The server refused the sign-in (HTTP 502).' });
  });

  it('refusesAnUnreadableSuccess', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: true }));
    expect((await new IdentityApi(fetch).claim('bob')).ok).toBe(false);
  });

  it('reportsAnUnreachableServer', async () => {
    const { fetch } = scriptedFetch(new TypeError('Failed to fetch'));
    expect(await new IdentityApi(fetch).claim('bob')).toEqual({ ok: false, error: 'Could not reach the server: Failed to fetch' });
  });
});

describe('IdentityApi.check', () => {
  it('readsTheUserOfAValidSession', async () => {
    const { fetch, requests } = scriptedFetch(json({ user: 'alice', expiresAt: '2026-12-03T20:00:00Z' }));
    expect(await new IdentityApi(fetch).check()).toEqual({ kind: 'signed-in', user: 'alice' });
    expect(requests[0]?.init?.method).toBe('GET');
    expect(requests[0]?.init?.credentials).toBe('same-origin');
  });

  it('readsANullUserAsSignedOut', async () => {
    const { fetch } = scriptedFetch(json({ user: null, mode: 'nickname' }, 200));
    expect(await new IdentityApi(fetch).check()).toEqual({ kind: 'signed-out' });
  });

  it('readsA401AsSignedOut', async () => {
    const { fetch } = scriptedFetch(json({ succeeded: false, errorMessage: 'no credential' }, 401));
    expect(await new IdentityApi(fetch).check()).toEqual({ kind: 'signed-out' });
  });

  it.each([
    ['a proxy error', () => new Response('bad gateway', { status: 502 })],
    ['a draining node', () => json({ status: 'DRAINING' }, 503)],
    ['no answer', () => new TypeError('Failed to fetch')],
  ])('knowsNothingFrom %s', async (_, reply) => {
    const { fetch } = scriptedFetch(reply());
    expect(await new IdentityApi(fetch).check()).toEqual({ kind: 'unknown' });
  });
});

describe('IdentityApi.release', () => {
  it('deletesTheSession', async () => {
    const { fetch, requests } = scriptedFetch(json({ succeeded: true }));
    expect(await new IdentityApi(fetch).release()).toBe(true);
    expect(requests[0]?.init?.method).toBe('DELETE');
    expect(requests[0]?.init?.credentials).toBe('same-origin');
  });

  it('saysFalseWhenTheServerCannotBeReached', async () => {
    const { fetch } = scriptedFetch(new TypeError('Failed to fetch'));
    expect(await new IdentityApi(fetch).release()).toBe(false);
  });
});
