/** The shapes the server sends and the states the page shows. */

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ChatMessage {
  readonly id: string;
  readonly user: string;
  readonly message: string;
  /** null for a message to everyone, else the recipient of a direct message. */
  readonly to: string | null;
  /** ISO-8601 instant, as sent by the server. */
  readonly time: string;
}

export interface Welcome {
  readonly user: string;
  readonly heartbeatMs: number;
}

export interface PresenceSnapshot {
  readonly type: 'snapshot';
  readonly online: readonly string[];
  readonly total: number;
  readonly truncated: boolean;
}

export interface PresenceChange {
  readonly type: 'change';
  readonly joined: readonly string[];
  readonly left: readonly string[];
  readonly total: number;
}

export type PresenceEvent = PresenceSnapshot | PresenceChange;

export interface OnlinePage {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly users: readonly string[];
}

/** A `missed` event: the stream resumed, but some events since its last id are gone. */
export interface Missed {
  /** 'expired', 'unknown' or 'reset' today; shown only through `message`. */
  readonly reason: string;
  /** For people: what was lost and what follows. */
  readonly message: string;
}

export type SendResult =
  /** recipientOnline false: a direct message kept for a recipient who is not connected now. */
  | { readonly ok: true; readonly id: string; readonly recipientOnline: boolean }
  /** sessionEnded: the server answered 401, so this page must sign in again. */
  | { readonly ok: false; readonly error: string; readonly sessionEnded?: boolean };
