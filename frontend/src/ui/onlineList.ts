/** The online users and their count. */
import type { RosterView } from '../protocol/roster';
import { element } from './dom';

export class OnlineList {
  constructor(
    private readonly list: HTMLElement,
    private readonly count: HTMLElement,
  ) {}

  render(view: RosterView, self: string | null): void {
    this.list.replaceChildren(
      ...view.users.map((name) => {
        const item = element('li', 'online-user', name);
        if (name === self) item.classList.add('self');
        return item;
      }),
    );
    const shown = view.users.length;
    this.count.textContent = shown < view.total ? `${view.total} (${shown} listed)` : String(view.total);
  }
}
