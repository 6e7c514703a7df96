/**
 * The server's sessions (`/api/session`): claiming a name, asking whose session this browser's
 * cookie holds, and giving it up. The cookie is HttpOnly: the page never sees the token, it only
 * learns whether the server keeps a session for it.
 */
import type { FetchLike } from './api';
import { SESSION_PATH } from './routes';

/** What the page says when the server no longer knows its session (expired, or given up in another tab). */
export const SESSION_ENDED = 'Your session ended; sign in again.';

export type ClaimResult =
  /** `session` false: the server keeps no sessions (auth `none`), and the name alone says who this is. */
  | { readonly ok: true; readonly user: string; readonly session: boolean }
  | { readonly ok: false; readonly error: string };

export type SessionCheck =
  | { readonly kind: 'signed-in'; readonly user: string }
  | { readonly kind: 'signed-out' }
  /** No answer, or one that says nothing about the session (the server down, a proxy's 502). */
  | { readonly kind: 'unknown' };

type JsonObject = { readonly [key: string]: unknown };

async function readObject(response: Response): Promise<JsonObject | null> {
  try {
    const body = (await response.json()) as unknown;
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as JsonObject) : null;
  } catch {
    return null;
  }
}

function errorMessageOf(body: JsonObject | null): string | null {
  const text = body?.errorMessage;
  return typeof text === 'string' && text !== '' ? text : null;
}

/** Whole seconds from a Retry-After header, when it is a plain number. */
function retryAfterSeconds(response: Response): number | null {
  const value = response.headers.get('Retry-After');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}

function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Words for a refused claim: the server's own, with what the status adds to them. */
function refusal(response: Response, body: JsonObject | null): string {
  const said = errorMessageOf(body);
  switch (response.status) {
    case 409:
      return said === null ? 'That name is taken; choose another.' : `That name is taken: ${said}`;
    case 429: {
      const seconds = retryAfterSeconds(response);
      const wait = seconds === null ? '' : ` Try again in ${seconds} s.`;
      return `${said === null ? 'Too many sign-ins from this address.' : asSentence(said)}${wait}`;
    }
    default:
      return said ?? `The server refused the sign-in (HTTP ${response.status}).`;
  }
}

// Same origin, so the browser stores the session cookie and sends it back; said outright, as it matters.
const SAME_ORIGIN: RequestInit = { credentials: 'same-origin' };

export class IdentityApi {
  constructor(private readonly fetchFn: FetchLike) {}

  /** POST /api/session: claims `user` for this browser. */
  async claim(user: string): Promise<ClaimResult> {
    let response: Response;
    try {
      response = await this.fetchFn(SESSION_PATH, {
        ...SAME_ORIGIN,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user }),
      });
    } catch (error) {
      return { ok: false, error: `Could not reach the server: ${describe(error)}` };
    }
    const body = await readObject(response);
    if (!response.ok) return { ok: false, error: refusal(response, body) };
    if (typeof body?.user !== 'string' || !(typeof body.token === 'string' || body.token === null)) {
      return { ok: false, error: `The server's answer to the sign-in was unreadable (HTTP ${response.status}).` };
    }
    return { ok: true, user: body.user, session: body.token !== null };
  }

  /** GET /api/session: whose session the cookie holds, if any. */
  async check(): Promise<SessionCheck> {
    let response: Response;
    try {
      response = await this.fetchFn(SESSION_PATH, { ...SAME_ORIGIN, method: 'GET' });
    } catch {
      return { kind: 'unknown' };
    }
    // no credential at all: {"user": null}; one that no longer proves anyone: 401
    if (response.status === 401) return { kind: 'signed-out' };
    const body = await readObject(response);
    if (response.ok && body?.user === null) return { kind: 'signed-out' };
    if (response.ok && typeof body?.user === 'string') return { kind: 'signed-in', user: body.user };
    return { kind: 'unknown' };
  }

  /** DELETE /api/session: frees the name. False when the server did not confirm it (it expires on its own then). */
  async release(): Promise<boolean> {
    try {
      const response = await this.fetchFn(SESSION_PATH, { ...SAME_ORIGIN, method: 'DELETE' });
      return response.ok;
    } catch {
      return false;
    }
  }
}
