/**
 * Turns the text the server sends into typed values. Anything malformed decodes to null,
 * so a bad or unexpected event is dropped instead of breaking the page.
 */
import type { ChatMessage, Missed, OnlinePage, PresenceEvent, SendResult, Welcome } from './types';

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseObject(text: unknown): JsonObject | null {
  const value = parseJson(text);
  return isObject(value) ? value : null;
}

export function decodeChatMessage(data: unknown): ChatMessage | null {
  const o = parseObject(data);
  if (o === null) return null;
  const { id, user, message, to, time } = o;
  if (typeof id !== 'string' || typeof user !== 'string' || typeof message !== 'string') return null;
  if (typeof time !== 'string') return null;
  if (to !== null && to !== undefined && typeof to !== 'string') return null;
  return { id, user, message, to: typeof to === 'string' ? to : null, time };
}

export function decodeWelcome(data: unknown): Welcome | null {
  const o = parseObject(data);
  if (o === null || typeof o.user !== 'string' || !isCount(o.heartbeatMs)) return null;
  return { user: o.user, heartbeatMs: o.heartbeatMs };
}

export function decodePresence(data: unknown): PresenceEvent | null {
  const o = parseObject(data);
  if (o === null || !isCount(o.total)) return null;
  if (o.type === 'snapshot' && isStringArray(o.online)) {
    return { type: 'snapshot', online: o.online, total: o.total, truncated: o.truncated === true };
  }
  if (o.type === 'change' && isStringArray(o.joined) && isStringArray(o.left)) {
    return { type: 'change', joined: o.joined, left: o.left, total: o.total };
  }
  return null;
}

export function decodeMissed(data: unknown): Missed | null {
  const o = parseObject(data);
  if (o === null || typeof o.reason !== 'string' || typeof o.message !== 'string' || o.message === '') return null;
  return { reason: o.reason, message: o.message };
}

/** A `status` event may carry any JSON; a JSON string is shown as is, anything else as compact JSON. */
export function statusText(data: unknown): string {
  const value = parseJson(data);
  if (value === undefined) return typeof data === 'string' ? data : '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function decodeOnlinePage(body: unknown): OnlinePage | null {
  if (!isObject(body) || !isCount(body.total) || !isCount(body.offset) || !isCount(body.limit)) return null;
  if (!isStringArray(body.users)) return null;
  return { total: body.total, offset: body.offset, limit: body.limit, users: body.users };
}

/** The reply to POST /sse/message; `status` is used when the body says nothing useful. */
export function decodeSendReply(status: number, body: unknown): SendResult {
  if (isObject(body)) {
    if (status >= 200 && status < 300 && body.succeeded === true) {
      return { ok: true, id: typeof body.id === 'string' ? body.id : '', recipientOnline: body.recipientOnline !== false };
    }
    if (typeof body.errorMessage === 'string' && body.errorMessage !== '') {
      return { ok: false, error: body.errorMessage };
    }
  }
  return { ok: false, error: `The server refused the message (HTTP ${status}).` };
}
