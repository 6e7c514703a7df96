/** The received messages, newest last. */
import type { ChatMessage } from '../protocol/types';
import { formatClock } from './clock';
import { element } from './dom';

const MAX_SHOWN = 500;
/** How close to the bottom (px) still counts as "reading the latest", so new messages scroll into view. */
const STICK_DISTANCE = 48;

export class MessageList {
  constructor(private readonly list: HTMLElement) {}

  add(message: ChatMessage, self: string | null): void {
    const list = this.list;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < STICK_DISTANCE;

    const item = element('li', 'message');
    if (message.to !== null) item.classList.add('direct');
    if (message.user === self) item.classList.add('own');

    const meta = element('div', 'meta');
    meta.append(element('span', 'sender', message.user));
    if (message.to !== null) meta.append(element('span', 'to', `→ ${message.to}`));
    const time = element('time', 'time', formatClock(message.time));
    time.dateTime = message.time;
    time.title = message.time;
    meta.append(time);

    item.append(meta, element('div', 'text', message.message));
    list.append(item);
    while (list.childElementCount > MAX_SHOWN) list.firstElementChild?.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  }
}
