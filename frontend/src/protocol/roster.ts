/** Who is online, built from presence snapshots and changes, and from /api/online pages. */
import type { PresenceChange } from './types';

export interface RosterView {
  /** Known online users, sorted; may hold fewer than `total` when the server bounded the list. */
  readonly users: readonly string[];
  readonly total: number;
}

export class OnlineRoster {
  private names = new Set<string>();
  private total = 0;

  /** Replaces the whole list (a snapshot, or the pages of /api/online). */
  replace(users: readonly string[], total: number): void {
    this.names = new Set(users);
    this.total = total;
  }

  apply(change: PresenceChange): void {
    for (const name of change.left) this.names.delete(name);
    for (const name of change.joined) this.names.add(name);
    this.total = change.total;
  }

  clear(): void {
    this.replace([], 0);
  }

  view(): RosterView {
    const users = [...this.names].sort((a, b) => a.localeCompare(b));
    // A total below the names we know would read as nonsense ("3 online", 4 listed).
    return { users, total: Math.max(this.total, users.length) };
  }
}
