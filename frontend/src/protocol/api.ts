/** The server's JSON endpoints for chatting: sending a message and paging through who is online. */
import { decodeOnlinePage, decodeSendReply } from './decode';
import { SESSION_ENDED } from './identity';
import { MESSAGE_PATH, onlinePageUrl } from './routes';
import type { OnlinePage, SendResult } from './types';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface OutgoingMessage {
  readonly user: string;
  readonly message: string;
  /** null sends to everyone. */
  readonly to: string | null;
}

const PAGE_SIZE = 100;

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ChatApi {
  constructor(private readonly fetchFn: FetchLike) {}

  async send(outgoing: OutgoingMessage): Promise<SendResult> {
    const { user, message, to } = outgoing;
    const body = to === null ? { user, message } : { user, message, to };
    let response: Response;
    try {
      response = await this.fetchFn(MESSAGE_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      return { ok: false, error: `Could not reach the server: ${describe(error)}` };
    }
    // The server knows no session for this browser any more: sending again will not help.
    if (response.status === 401) return { ok: false, error: SESSION_ENDED, sessionEnded: true };
    return decodeSendReply(response.status, await readJson(response));
  }

  async onlinePage(offset: number, limit: number): Promise<OnlinePage> {
    const response = await this.fetchFn(onlinePageUrl(offset, limit));
    const page = decodeOnlinePage(await readJson(response));
    if (!response.ok || page === null) throw new Error(`GET /api/online failed (HTTP ${response.status})`);
    return page;
  }

  /** Reads pages until every online user is known or `cap` names are. */
  async online(cap: number): Promise<{ users: string[]; total: number }> {
    const users: string[] = [];
    let total = 0;
    do {
      const page = await this.onlinePage(users.length, Math.min(PAGE_SIZE, cap - users.length));
      total = page.total;
      if (page.users.length === 0) break;
      users.push(...page.users.slice(0, cap - users.length));
    } while (users.length < Math.min(total, cap));
    return { users, total };
  }
}
