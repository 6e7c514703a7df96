import { describe, expect, it } from 'vitest';
import {
  decodeChatMessage,
  decodeMissed,
  decodeOnlinePage,
  decodePresence,
  decodeSendReply,
  decodeWelcome,
  statusText,
} from '../src/protocol/decode';

const message = { id: 'm1', user: 'alice', message: 'hi', to: null, time: '2026-11-22T22:00:00.123Z' };

describe('decodeChatMessage', () => {
  it('readsAMessageToEveryone', () => {
    expect(decodeChatMessage(JSON.stringify(message))).toEqual(message);
  });

  it('readsTheRecipientOfADirectMessage', () => {
    expect(decodeChatMessage(JSON.stringify({ ...message, to: 'bob' }))?.to).toBe('bob');
  });

  it('treatsAMissingRecipientAsEveryone', () => {
    const { to: _omitted, ...withoutTo } = message;
    expect(decodeChatMessage(JSON.stringify(withoutTo))?.to).toBeNull();
  });

  it('keepsTheTextExactlyIncludingNewlinesAndMarkup', () => {
    const text = '<img src=x onerror=alert(1)>\nhéllo\r\nwörld 🌍  ';
    expect(decodeChatMessage(JSON.stringify({ ...message, message: text }))?.message).toBe(text);
  });

  it.each([
    ['not JSON', 'hello'],
    ['a missing id', JSON.stringify({ ...message, id: undefined })],
    ['a numeric user', JSON.stringify({ ...message, user: 7 })],
    ['a missing text', JSON.stringify({ ...message, message: undefined })],
    ['a numeric recipient', JSON.stringify({ ...message, to: 3 })],
    ['a missing time', JSON.stringify({ ...message, time: undefined })],
  ])('dropsAMessageWith %s', (_name, data) => {
    expect(decodeChatMessage(data)).toBeNull();
  });
});

describe('decodePresence', () => {
  it('readsASnapshot', () => {
    const data = { type: 'snapshot', online: ['alice', 'bob'], total: 5, truncated: true };
    expect(decodePresence(JSON.stringify(data))).toEqual(data);
  });

  it('readsAChange', () => {
    const data = { type: 'change', joined: ['carol'], left: ['bob'], total: 2 };
    expect(decodePresence(JSON.stringify(data))).toEqual(data);
  });

  it.each([
    ['an unknown type', { type: 'other', online: [], joined: [], left: [], total: 0, truncated: false }],
    ['a negative total', { type: 'change', joined: [], left: [], total: -1 }],
    ['a non-string name', { type: 'snapshot', online: [1], total: 1, truncated: false }],
    ['no left list', { type: 'change', joined: [], total: 0 }],
  ])('dropsPresenceWith %s', (_name, data) => {
    expect(decodePresence(JSON.stringify(data))).toBeNull();
  });
});

describe('decodeWelcome', () => {
  it('readsTheUserAndHeartbeat', () => {
    expect(decodeWelcome('{"user":"alice","heartbeatMs":15000}')).toEqual({ user: 'alice', heartbeatMs: 15000 });
  });

  it('dropsAWelcomeWithoutAUser', () => {
    expect(decodeWelcome('{"heartbeatMs":15000}')).toBeNull();
  });
});

describe('decodeMissed', () => {
  it('readsTheReasonAndTheMessage', () => {
    const data = JSON.stringify({ reason: 'expired', message: 'some events are no longer kept' });
    expect(decodeMissed(data)).toEqual({ reason: 'expired', message: 'some events are no longer kept' });
  });

  it('dropsAMissedWithoutAMessage', () => {
    expect(decodeMissed(JSON.stringify({ reason: 'reset' }))).toBeNull();
    expect(decodeMissed('not json')).toBeNull();
  });
});

describe('statusText', () => {
  it('showsAJsonObjectAsCompactJson', () => {
    expect(statusText('{ "step": 3,  "of": 5 }')).toBe('{"step":3,"of":5}');
  });

  it('showsAJsonStringWithoutQuotes', () => {
    expect(statusText('"deploying"')).toBe('deploying');
  });

  it('showsTextThatIsNotJsonAsIs', () => {
    expect(statusText('half done')).toBe('half done');
  });
});

describe('decodeOnlinePage', () => {
  it('readsAPage', () => {
    const page = { total: 3, offset: 0, limit: 100, users: ['a', 'b', 'c'] };
    expect(decodeOnlinePage(page)).toEqual(page);
  });

  it('dropsAPageWithoutUsers', () => {
    expect(decodeOnlinePage({ total: 3, offset: 0, limit: 100 })).toBeNull();
  });

  it('dropsANullBody', () => {
    expect(decodeOnlinePage(null)).toBeNull();
  });
});

describe('decodeSendReply', () => {
  it('readsASuccessWithItsId', () => {
    expect(decodeSendReply(200, { succeeded: true, message: 'OK', id: 'm9' })).toEqual({
      ok: true,
      id: 'm9',
      recipientOnline: true,
    });
  });

  it('readsThatADirectMessageWasKeptForAnOfflineRecipient', () => {
    const reply = { succeeded: true, message: 'OK', id: 'm9', recipientOnline: false };
    expect(decodeSendReply(200, reply)).toEqual({ ok: true, id: 'm9', recipientOnline: false });
  });

  it('readsTheServersErrorMessage', () => {
    expect(decodeSendReply(404, { succeeded: false, errorMessage: 'bob is not online' })).toEqual({
      ok: false,
      error: 'bob is not online',
    });
  });

  it('namesTheStatusWhenTheBodySaysNothing', () => {
    expect(decodeSendReply(502, undefined)).toEqual({ ok: false, error: 'The server refused the message (HTTP 502).' });
  });

  it('doesNotTakeAnErrorStatusForSuccess', () => {
    expect(decodeSendReply(500, { succeeded: true }).ok).toBe(false);
  });
});
