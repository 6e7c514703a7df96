/**
 * A chat session as the page sees it: signing in as one user, that user's stream decoded into
 * messages, presence and status, plus sending. Knows nothing of the DOM; the UI listens to `events`.
 */
import { ChatApi, type FetchLike } from './api';
import type { BackoffPolicy } from './backoff';
import { SseConnection, type ConnectionStatus, type EventSourceConstructor, type StreamEvent } from './connection';
import { decodeChatMessage, decodeMissed, decodePresence, decodeWelcome, statusText } from './decode';
import { Emitter } from './emitter';
import { IdentityApi, SESSION_ENDED } from './identity';
import { RecentIds } from './recentIds';
import { OnlineRoster, type RosterView } from './roster';
import { streamUrl } from './routes';
import type { Timer } from './timer';
import type { ChatMessage, Missed, PresenceChange, PresenceEvent, SendResult, Welcome } from './types';
import { isValidUserName, USER_NAME_RULE } from './userName';

export type SessionEvents = {
  connection: ConnectionStatus;
  welcome: Welcome;
  message: ChatMessage;
  roster: RosterView;
  /** Text of the latest `status` event. */
  status: string;
  /** The stream resumed, but not every event since its last id could be replayed. */
  missed: Missed;
  /** The server no longer knows this page's session: the stream is closed and stays closed. For people. */
  ended: string;
};

export interface ChatSessionOptions {
  readonly eventSource: EventSourceConstructor;
  readonly fetch: FetchLike;
  readonly timer?: Timer;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  /** Most names fetched from /api/online when a snapshot is truncated. */
  readonly onlineCap?: number;
}

export const DEFAULT_ONLINE_CAP = 1000;
/** Kept events a new user's first stream starts with, so that they see the recent conversation. */
export const HISTORY_ON_CONNECT = 50;
const REMEMBERED_MESSAGE_IDS = 2000;

const UNEXPLAINED_MISS: Missed = { reason: 'unknown', message: 'the server did not say which.' };

export type ConnectResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Shown while the name is being claimed, before any stream exists. */
const SIGNING_IN: ConnectionStatus = { state: 'connecting', retryInMs: null };

export class ChatSession {
  readonly events = new Emitter<SessionEvents>();
  private readonly connection: SseConnection;
  private readonly api: ChatApi;
  private readonly identity: IdentityApi;
  private readonly roster = new OnlineRoster();
  private readonly seen = new RecentIds(REMEMBERED_MESSAGE_IDS);
  private user: string | null = null;
  /** The id the current stream was opened to resume after, if any. */
  private resumedAfter: string | null = null;
  /** Changes that arrive while the full list is being fetched, replayed on top of it. */
  private changesDuringFetch: PresenceChange[] | null = null;
  private fetchGeneration = 0;
  /** The name this browser's cookie holds a server session for; null when none (or the server keeps none). */
  private sessionUser: string | null = null;
  /** The user asked for by the latest connect, until close. */
  private wantedUser: string | null = null;
  /** Bumped by every connect, close and end: a sign-in or session check answered after it is stale. */
  private attempt = 0;
  private signingIn = false;

  constructor(private readonly options: ChatSessionOptions) {
    this.connection = new SseConnection({
      eventSource: options.eventSource,
      eventTypes: ['welcome', 'presence', 'status', 'missed'],
      ...(options.timer === undefined ? {} : { timer: options.timer }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
    this.api = new ChatApi(options.fetch);
    this.identity = new IdentityApi(options.fetch);
    this.connection.events.on('status', (status) => this.onStatus(status));
    this.connection.events.on('event', (event) => this.onEvent(event));
  }

  get currentUser(): string | null {
    return this.user;
  }

  get status(): ConnectionStatus {
    return this.signingIn ? SIGNING_IN : this.connection.status;
  }

  /**
   * Asks the server whether this browser's cookie still holds a session (after a reload): the
   * user it is for, whom connect() then takes without claiming the name again; else null.
   */
  async restore(): Promise<string | null> {
    const check = await this.identity.check();
    if (check.kind !== 'signed-in' || !isValidUserName(check.user)) return null;
    this.sessionUser = check.user;
    return check.user;
  }

  /**
   * Claims `user` on the server (unless this browser holds its session already), then opens its
   * stream. A refused claim opens nothing and says why.
   */
  async connect(user: string, presence = true): Promise<ConnectResult> {
    // The server answers a bad name with 400, which EventSource cannot tell from an outage.
    if (!isValidUserName(user)) return { ok: false, error: `A user name is ${USER_NAME_RULE}.` };
    const attempt = ++this.attempt;
    this.wantedUser = user;
    if (this.sessionUser !== user) {
      this.setSigningIn(true);
      const claim = await this.identity.claim(user);
      if (attempt !== this.attempt) {
        // Closed while the claim was on its way: the name it got is not wanted.
        if (claim.ok && claim.session && this.wantedUser === null) void this.identity.release();
        return { ok: false, error: 'The sign-in was cancelled.' };
      }
      this.setSigningIn(false);
      if (!claim.ok) return claim;
      this.sessionUser = claim.session ? claim.user : null;
    }
    // The same user connecting again resumes where their last stream stood: what was sent to
    // them meanwhile arrives, and what the page shows already is not repeated. Anyone else
    // starts with the recent conversation.
    // A stream that received no id yet still stands where it was opened.
    const resumeFrom = user === this.user ? (this.connection.lastEventId ?? this.resumedAfter) : null;
    this.user = user;
    this.resumedAfter = resumeFrom;
    this.connection.open(
      streamUrl(user, presence, resumeFrom === null ? { history: HISTORY_ON_CONNECT } : { lastEventId: resumeFrom }),
    );
    return { ok: true };
  }

  /** Closes the stream and gives up the name (it is free for anyone else at once). */
  async close(): Promise<void> {
    this.attempt += 1;
    this.wantedUser = null;
    this.setSigningIn(false);
    this.connection.close();
    const held = this.sessionUser;
    this.sessionUser = null;
    if (held !== null) await this.identity.release();
  }

  async send(message: string, to: string | null): Promise<SendResult> {
    if (this.user === null || this.connection.status.state === 'closed') {
      return { ok: false, error: 'Connect first.' };
    }
    if (message.trim() === '') return { ok: false, error: 'The message is empty.' };
    const result = await this.api.send({ user: this.user, message, to });
    if (!result.ok && result.sessionEnded === true) this.end();
    return result;
  }

  /** The server refused this page's session: stop, and say so once. */
  private end(): void {
    if (this.connection.status.state === 'closed' && this.sessionUser === null) return;
    this.attempt += 1;
    this.sessionUser = null;
    this.connection.close();
    this.events.emit('ended', SESSION_ENDED);
  }

  /**
   * The browser gave up on the stream. EventSource cannot tell a refused session (401, 403) from an
   * outage, so ask: a session the server no longer knows, or one now held for another name (signed
   * in elsewhere in this browser), ends this one; anything else is an outage, and the reconnects go on.
   */
  private async checkSession(attempt: number, user: string): Promise<void> {
    const check = await this.identity.check();
    if (attempt !== this.attempt) return;
    if (check.kind === 'signed-out' || (check.kind === 'signed-in' && check.user !== user)) this.end();
  }

  private setSigningIn(on: boolean): void {
    if (this.signingIn === on) return;
    this.signingIn = on;
    this.events.emit('connection', this.status);
  }

  private onStatus(status: ConnectionStatus): void {
    if (status.state === 'reconnecting' && status.retryInMs !== null && this.sessionUser !== null) {
      void this.checkSession(this.attempt, this.sessionUser);
    }
    if (status.state === 'closed') {
      this.fetchGeneration += 1;
      this.changesDuringFetch = null;
      this.roster.clear();
      this.events.emit('roster', this.roster.view());
    }
    this.events.emit('connection', status);
  }

  private onEvent(event: StreamEvent): void {
    switch (event.type) {
      case 'message': {
        const message = decodeChatMessage(event.data);
        if (message !== null && this.seen.add(message.id)) this.events.emit('message', message);
        break;
      }
      case 'welcome': {
        const welcome = decodeWelcome(event.data);
        if (welcome !== null) this.events.emit('welcome', welcome);
        break;
      }
      case 'presence': {
        const presence = decodePresence(event.data);
        if (presence !== null) this.onPresence(presence);
        break;
      }
      case 'status':
        this.events.emit('status', statusText(event.data));
        break;
      case 'missed':
        // Even an unreadable one means something was lost: say so.
        this.events.emit('missed', decodeMissed(event.data) ?? UNEXPLAINED_MISS);
        break;
      default:
        break;
    }
  }

  private onPresence(presence: PresenceEvent): void {
    if (presence.type === 'change') {
      this.roster.apply(presence);
      this.changesDuringFetch?.push(presence);
    } else {
      this.fetchGeneration += 1;
      this.changesDuringFetch = null;
      this.roster.replace(presence.online, presence.total);
      if (presence.truncated) void this.fetchFullList(this.fetchGeneration);
    }
    this.events.emit('roster', this.roster.view());
  }

  private async fetchFullList(generation: number): Promise<void> {
    const changes: PresenceChange[] = [];
    this.changesDuringFetch = changes;
    let result: { users: string[]; total: number };
    try {
      result = await this.api.online(this.options.onlineCap ?? DEFAULT_ONLINE_CAP);
    } catch {
      return; // keep the bounded snapshot; the next snapshot tries again
    } finally {
      if (this.changesDuringFetch === changes) this.changesDuringFetch = null;
    }
    if (generation !== this.fetchGeneration) return; // a newer snapshot or a close came first
    this.roster.replace(result.users, result.total);
    for (const change of changes) this.roster.apply(change);
    this.events.emit('roster', this.roster.view());
  }
}
