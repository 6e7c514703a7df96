/** Test doubles: an EventSource the test drives by hand, a manual clock and a scripted fetch. */
import { READY_STATE, type EventSourceLike, type SseEventLike } from '../src/protocol/connection';
import type { FetchLike } from '../src/protocol/api';
import type { Timer } from '../src/protocol/timer';

type Handler = (event: SseEventLike) => void;

export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState: number = READY_STATE.CONNECTING;
  closed = false;
  /** Like the browser's last event id buffer: set by an event with an id, kept by one without. */
  private lastId = '';
  private readonly handlers = new Map<string, Handler[]>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  static reset(): void {
    FakeEventSource.instances = [];
  }

  static latest(): FakeEventSource {
    const last = FakeEventSource.instances.at(-1);
    if (last === undefined) throw new Error('no EventSource was created');
    return last;
  }

  addEventListener(type: string, listener: Handler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = READY_STATE.CLOSED;
  }

  // What the browser would do:
  open(): void {
    this.readyState = READY_STATE.OPEN;
    this.dispatch('open', {});
  }

  /** The connection dropped and the browser will retry by itself. */
  drop(): void {
    this.readyState = READY_STATE.CONNECTING;
    this.dispatch('error', {});
  }

  /** The browser gave up (HTTP error status, server down). */
  fail(): void {
    this.readyState = READY_STATE.CLOSED;
    this.dispatch('error', {});
  }

  /** An event as the server sends it: `id` is its SSE `id:` line, if it has one. */
  emit(type: string, data: unknown, id?: string): void {
    if (id !== undefined) this.lastId = id;
    this.dispatch(type, { data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: this.lastId });
  }

  private dispatch(type: string, event: SseEventLike): void {
    for (const handler of this.handlers.get(type) ?? []) handler(event);
  }
}

export class ManualTimer implements Timer {
  private now = 0;
  private tasks: { at: number; run: () => void; cancelled: boolean }[] = [];

  schedule(callback: () => void, delayMs: number): () => void {
    const task = { at: this.now + delayMs, run: callback, cancelled: false };
    this.tasks.push(task);
    return () => {
      task.cancelled = true;
    };
  }

  get pending(): number {
    return this.tasks.filter((t) => !t.cancelled).length;
  }

  advance(ms: number): void {
    this.now += ms;
    for (;;) {
      const due = this.tasks.filter((t) => !t.cancelled && t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) return;
      this.tasks = this.tasks.filter((t) => t !== due);
      due.run();
    }
  }
}

export interface RecordedRequest {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

/** Answers each request with the next scripted reply (a Response, or an Error to throw). */
export function scriptedFetch(...replies: (Response | Error | (() => Promise<Response>))[]): {
  fetch: FetchLike;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    requests.push({ url, init });
    const reply = replies.shift();
    if (reply === undefined) throw new Error(`unexpected request ${url}`);
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply();
    return reply;
  };
  return { fetch, requests };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type Reply = Response | Error | (() => Promise<Response>);

/**
 * The server's /api/session as a fetch: a cookie holding at most one session, names taken by
 * other browsers, and the `none` mode (no sessions, no cookie). Every other request gets the next
 * of `replies`.
 */
export class FakeSessionServer {
  mode: 'nickname' | 'none' = 'nickname';
  /** The name this browser's cookie holds a session for. */
  session: string | null = null;
  /** Names held by other browsers' sessions. */
  readonly taken = new Set<string>();
  /** GET /api/session throws, as fetch does when the server is down. */
  unreachable = false;
  readonly requests: RecordedRequest[] = [];
  private readonly replies: Reply[];

  constructor(...replies: Reply[]) {
    this.replies = replies;
  }

  /** Requests to /api/session, as "METHOD path". */
  get sessionRequests(): string[] {
    return this.requests.filter((r) => r.url === '/api/session').map((r) => `${r.init?.method ?? 'GET'} ${r.url}`);
  }

  readonly fetch: FetchLike = async (url, init) => {
    this.requests.push({ url, init });
    if (url === '/api/session') return this.answerSession(init);
    const reply = this.replies.shift();
    if (reply === undefined) throw new Error(`unexpected request ${url}`);
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply();
    return reply;
  };

  private answerSession(init: RequestInit | undefined): Response {
    switch (init?.method ?? 'GET') {
      case 'POST': {
        const { user } = JSON.parse(String(init?.body)) as { user: string };
        if (this.mode === 'none') return json({ user, token: null, expiresAt: null });
        if (this.taken.has(user)) {
          return json({ succeeded: false, errorMessage: `the name '${user}' is taken; choose another` }, 409);
        }
        this.session = user;
        return json({ user, token: 'token', expiresAt: '2026-12-03T20:00:00Z' });
      }
      case 'DELETE':
        this.session = null;
        return json({ succeeded: true });
      default:
        if (this.unreachable) throw new TypeError('Failed to fetch');
        if (this.session === null || this.mode === 'none') {
          return json({ succeeded: false, errorMessage: 'no session' }, 401);
        }
        return json({ user: this.session, expiresAt: '2026-12-03T20:00:00Z' });
    }
  }
}
