/** Wiring only: the page's elements, the session, and who tells whom what. */
import { ChatSession } from './protocol/session';
import { wireComposer } from './ui/composer';
import { wireConnectForm } from './ui/connectForm';
import { renderConnection } from './ui/connectionView';
import { requireElement } from './ui/dom';
import { MessageList } from './ui/messageList';
import { Notices } from './ui/notices';
import { OnlineList } from './ui/onlineList';
import { RecipientPicker } from './ui/recipientPicker';
import { loadName, saveName } from './ui/savedName';

const user = requireElement('user', HTMLInputElement);
const closeButton = requireElement('close', HTMLButtonElement);
const messageBox = requireElement('message', HTMLTextAreaElement);
const controls = {
  state: requireElement('state', HTMLElement),
  detail: requireElement('state-detail', HTMLElement),
  user,
  connect: requireElement('connect', HTMLButtonElement),
  close: closeButton,
  send: requireElement('send', HTMLButtonElement),
};
const messages = new MessageList(requireElement('messages', HTMLElement));
const online = new OnlineList(requireElement('online', HTMLElement), requireElement('online-count', HTMLElement));
const recipients = new RecipientPicker(requireElement('recipient', HTMLSelectElement));
const notices = new Notices({
  error: requireElement('error', HTMLElement),
  info: requireElement('info', HTMLElement),
  status: requireElement('status', HTMLElement),
  missed: requireElement('missed', HTMLElement),
});

const session = new ChatSession({
  eventSource: EventSource,
  fetch: (url, init) => fetch(url, init),
});

session.events.on('connection', (status) => renderConnection(controls, status));
session.events.on('message', (message) => messages.add(message, session.currentUser));
session.events.on('roster', (view) => {
  online.render(view, session.currentUser);
  recipients.render(view.users, session.currentUser);
});
session.events.on('status', (text) => notices.showStatus(text));
session.events.on('missed', (missed) => notices.showMissed(missed.message));
session.events.on('ended', (text) => notices.showError(text));

async function connect(name: string): Promise<void> {
  notices.clearErrorAndInfo();
  notices.clearMissed();
  const result = await session.connect(name);
  if (!result.ok) {
    notices.showError(result.error);
    return;
  }
  saveName(name);
  messageBox.focus();
}

wireConnectForm(requireElement('connect-form', HTMLFormElement), user, closeButton, {
  connect,
  close: () => session.close(),
});

wireComposer(requireElement('composer', HTMLFormElement), messageBox, async (text) => {
  const to = recipients.recipient;
  const result = await session.send(text, to);
  if (!result.ok) {
    notices.showError(result.error);
  } else if (!result.recipientOnline && to !== null) {
    notices.showInfo(`${to} is not online now; the message will reach them when they connect.`);
  } else {
    notices.clearErrorAndInfo();
  }
  return result;
});

// The form stays disabled (as the page is served) until the server said whether this browser is
// still signed in: a reload keeps its user in, connected again, as a reload of any signed-in page does.
void session.restore().then((restored) => {
  user.value = restored ?? loadName();
  renderConnection(controls, session.status);
  if (restored !== null) void connect(restored);
});
