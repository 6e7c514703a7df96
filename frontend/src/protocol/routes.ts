/** Every server path the page uses, in one place. Relative: the page is served by the same server. */

export const MESSAGE_PATH = '/sse/message';

export function streamUrl(user: string, presence: boolean): string {
  const query = new URLSearchParams({ user });
  if (!presence) query.set('presence', 'false');
  return `/sse?${query.toString()}`;
}

export function onlinePageUrl(offset: number, limit: number): string {
  return `/api/online?${new URLSearchParams({ offset: String(offset), limit: String(limit) }).toString()}`;
}
