/**
 * One EventSource stream and its lifecycle: state, the browser's own retries, and our
 * reconnects (capped exponential backoff) once the browser has given up, until close().
 * Our reconnects resume where the stream stood: they carry the last event id seen, as the
 * browser's own retries do in their Last-Event-ID header.
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { Emitter } from './emitter';
import { withLastEventId } from './routes';
import { realTimer, type Cancel, type Timer } from './timer';
import type { ConnectionState } from './types';

/** EventSource.readyState values, spelled out so tests need no global EventSource. */
export const READY_STATE = { CONNECTING: 0, OPEN: 1, CLOSED: 2 } as const;

export interface SseEventLike {
  readonly data?: unknown;
  /** The stream's last event id so far (MessageEvent.lastEventId): '' before the first id. */
  readonly lastEventId?: string;
}

/** The part of EventSource this code uses; the browser's EventSource satisfies it. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: SseEventLike) => void): void;
  close(): void;
}

/** The event a server sends before it ends a stream that the client should open again. */
export const RECONNECT_EVENT = 'reconnect';

export type EventSourceConstructor = new (url: string) => EventSourceLike;

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** When we, not the browser, will open a new stream: the delay in ms; otherwise null. */
  readonly retryInMs: number | null;
}

export interface StreamEvent {
  /** 'message' for the default (unnamed) event type. */
  readonly type: string;
  readonly data: unknown;
}

export type ConnectionEvents = {
  status: ConnectionStatus;
  event: StreamEvent;
};

export interface SseConnectionOptions {
  readonly eventSource: EventSourceConstructor;
  /** Named event types to forward, besides the default 'message' and 'reconnect'; any other type is ignored. */
  readonly eventTypes: readonly string[];
  readonly timer?: Timer;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
}

export class SseConnection {
  readonly events = new Emitter<ConnectionEvents>();
  private source: EventSourceLike | null = null;
  private cancelRetry: Cancel | null = null;
  private url: string | null = null;
  private lastId: string | null = null;
  private failures = 0;
  private current: ConnectionStatus = { state: 'closed', retryInMs: null };

  constructor(private readonly options: SseConnectionOptions) {}

  get status(): ConnectionStatus {
    return this.current;
  }

  /** The last non-empty event id received since open(), or null: where a new stream would resume. */
  get lastEventId(): string | null {
    return this.lastId;
  }

  /**
   * Opens a stream to `url`, replacing any current one. It starts where `url` says; the ids it
   * received before are forgotten.
   */
  open(url: string): void {
    this.stop();
    this.url = url;
    this.lastId = null;
    this.failures = 0;
    this.start('connecting');
  }

  /** Closes the stream and stops every reconnect until the next open(). */
  close(): void {
    this.stop();
    this.url = null;
    this.setStatus('closed', null);
  }

  private stop(): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.source?.close();
    this.source = null;
  }

  private start(state: ConnectionState): void {
    if (this.url === null) return;
    const url = this.lastId === null ? this.url : withLastEventId(this.url, this.lastId);
    const source = new this.options.eventSource(url);
    this.source = source;
    this.setStatus(state, null);
    // Events of a replaced stream may still be queued: act only on the current one.
    source.addEventListener('open', () => {
      if (this.source !== source) return;
      this.failures = 0;
      this.setStatus('open', null);
    });
    source.addEventListener('error', () => {
      if (this.source === source) this.onError(source);
    });
    for (const type of ['message', ...this.options.eventTypes.filter((t) => t !== RECONNECT_EVENT)]) {
      source.addEventListener(type, (event) => {
        if (this.source !== source) return;
        // Events without an id (presence) repeat the previous one; '' means none yet.
        if (typeof event.lastEventId === 'string' && event.lastEventId !== '') this.lastId = event.lastEventId;
        this.events.emit('event', { type, data: event.data });
      });
    }
    // The server ends the stream after this (it drains, or we read too slowly); the browser then
    // reconnects by itself with Last-Event-ID. Say so now rather than when the stream has ended.
    source.addEventListener(RECONNECT_EVENT, (event) => {
      if (this.source !== source) return;
      this.events.emit('event', { type: RECONNECT_EVENT, data: event.data });
      this.setStatus('reconnecting', null);
    });
  }

  private onError(source: EventSourceLike): void {
    if (source.readyState !== READY_STATE.CLOSED) {
      // The browser retries by itself (after the server's `retry:` delay).
      this.setStatus('reconnecting', null);
      return;
    }
    // The browser gave up (an HTTP error, a wrong content type, or the server was down).
    source.close();
    this.source = null;
    const delay = backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random ?? Math.random);
    this.failures += 1;
    this.setStatus('reconnecting', delay);
    this.cancelRetry = (this.options.timer ?? realTimer).schedule(() => {
      this.cancelRetry = null;
      this.start('reconnecting');
    }, delay);
  }

  private setStatus(state: ConnectionState, retryInMs: number | null): void {
    if (this.current.state === state && this.current.retryInMs === retryInMs) return;
    this.current = { state, retryInMs };
    this.events.emit('status', this.current);
  }
}
