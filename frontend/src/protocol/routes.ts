/** Every server path the page uses, in one place. Relative: the page is served by the same server. */

export const MESSAGE_PATH = '/sse/message';

/** POST claims a name, GET says whose session the cookie holds, DELETE gives it up. */
export const SESSION_PATH = '/api/session';

/** Where a new stream starts: the last `history` kept events, or right after an event id. */
export type StreamStart = { readonly history: number } | { readonly lastEventId: string };

export function streamUrl(user: string, presence: boolean, start?: StreamStart): string {
  const query = new URLSearchParams({ user });
  if (!presence) query.set('presence', 'false');
  if (start !== undefined && 'history' in start) query.set('history', String(start.history));
  const url = `/sse?${query.toString()}`;
  return start !== undefined && 'lastEventId' in start ? withLastEventId(url, start.lastEventId) : url;
}

/** `url` with its lastEventId query parameter set to `id` (replacing any it had): the stream resumes after `id`. */
export function withLastEventId(url: string, id: string): string {
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
  query.set('lastEventId', id);
  return `${path}?${query.toString()}`;
}

export function onlinePageUrl(offset: number, limit: number): string {
  return `/api/online?${new URLSearchParams({ offset: String(offset), limit: String(limit) }).toString()}`;
}
