// The page against the real server in a real browser: starts backend/target/tidings.jar on a
// free port (sessions by nickname, the default), drives three independent Chromium profiles
// (alice, bob, carol) under the page's Content-Security-Policy, and stops it all.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectAs,
  cspViolations,
  freePort,
  openUser,
  repo,
  requireTools,
  shownTexts,
  TidingsNode,
  unexpectedConsoleErrors,
  WAIT_MS,
  waitForState,
} from './support.mjs';

let server;
const users = new Map(); // name -> the user from openUser

async function openPage(name) {
  const user = await openUser(name, server.url, { csp: true });
  users.set(name, user);
  return user.page;
}

function page(name) {
  return users.get(name).page;
}

async function connect(name) {
  await connectAs(users.has(name) ? page(name) : await openPage(name), name);
}

function waitForOnline(p, name, present) {
  return p.waitForFunction(
    ([n, want]) => [...document.querySelectorAll('#online .online-user')].some((e) => e.textContent === n) === want,
    [name, present],
    { timeout: WAIT_MS },
  );
}

/** Resolves with the shown message whose .text is exactly `text`, once it is there. */
async function waitForMessage(p, text) {
  await p.waitForFunction(
    (t) => [...document.querySelectorAll('#messages .message .text')].some((e) => e.textContent === t),
    text,
    { timeout: WAIT_MS },
  );
  return p.evaluate((t) => {
    const item = [...document.querySelectorAll('#messages .message')].find(
      (m) => m.querySelector('.text')?.textContent === t,
    );
    return {
      sender: item.querySelector('.sender')?.textContent ?? null,
      to: item.querySelector('.to')?.textContent ?? null,
      time: item.querySelector('.time')?.textContent ?? null,
    };
  }, text);
}

async function send(p, text, to = '') {
  if (to !== '') {
    await p.waitForFunction((n) => [...document.querySelectorAll('#recipient option')].some((o) => o.value === n), to, {
      timeout: WAIT_MS,
    });
  }
  await p.selectOption('#recipient', to);
  await p.fill('#message', text);
  await p.press('#message', 'Enter');
  await p.waitForFunction(() => document.querySelector('#message')?.value === '', null, { timeout: WAIT_MS });
  assert.equal(await p.textContent('#error'), '');
}

describe('chat page in a real browser', () => {
  before(async () => {
    requireTools();
    server = new TidingsNode('chat', await freePort(), []);
    await server.awaitHealthy();
  });

  after(async () => {
    for (const user of users.values()) await user.close();
    await server?.stop();
  });

  it('connectsTwoUsersWhoSeeEachOtherOnline', async () => {
    await connect('alice');
    await connect('bob');
    await waitForOnline(page('alice'), 'bob', true);
    await waitForOnline(page('bob'), 'alice', true);
  });

  it('deliversABroadcastToEveryoneWithItsSender', async () => {
    await send(page('alice'), 'hello everyone');
    for (const name of ['alice', 'bob']) {
      const shown = await waitForMessage(page(name), 'hello everyone');
      assert.equal(shown.sender, 'alice');
      assert.equal(shown.to, null);
      assert.match(shown.time, /^\d\d:\d\d:\d\d$/);
    }
  });

  it('deliversADirectMessageToItsRecipientAndSenderOnly', async () => {
    await connect('carol');
    await waitForOnline(page('bob'), 'carol', true);
    await send(page('bob'), 'just for alice', 'alice');
    const atAlice = await waitForMessage(page('alice'), 'just for alice');
    assert.equal(atAlice.sender, 'bob');
    assert.equal(atAlice.to, '→ alice');
    await waitForMessage(page('bob'), 'just for alice');
    // One stream keeps its order: once carol has the next broadcast, she would have had the direct one.
    await send(page('bob'), 'after the direct message');
    await waitForMessage(page('carol'), 'after the direct message');
    assert.ok(!(await shownTexts(page('carol'))).includes('just for alice'));
  });

  it('showsMarkupAndMultiLineUnicodeAsExactText', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    const multiLine = 'héllo\nwörld 🌍';
    await send(page('alice'), markup);
    await send(page('alice'), multiLine);
    for (const name of ['alice', 'bob']) {
      await waitForMessage(page(name), markup);
      await waitForMessage(page(name), multiLine);
      assert.equal(await page(name).$$eval('#messages img', (images) => images.length), 0);
      assert.deepEqual(users.get(name).dialogs, []);
    }
    const rendered = await page('bob').$$eval('#messages .text', (items) =>
      items.filter((e) => e.textContent.includes('wörld')).map((e) => e.getBoundingClientRect().height),
    );
    const oneLine = await page('bob').$eval('#messages .text', (e) => e.getBoundingClientRect().height);
    assert.ok(rendered[0] > oneLine * 1.5, 'the newline shows as a line break');
  });

  it('tellsTheSenderThatAMessageForARecipientWhoLeftWillReachThemLater', async () => {
    await page('carol').selectOption('#recipient', 'alice');
    await page('alice').click('#close');
    await waitForState(page('alice'), 'closed');
    await waitForOnline(page('carol'), 'alice', false);
    // alice stays the chosen recipient, so the message is kept for her rather than broadcast.
    assert.equal(await page('carol').inputValue('#recipient'), 'alice');
    await page('carol').fill('#message', 'are you there?');
    await page('carol').click('#send');
    await page('carol').waitForFunction(() => document.querySelector('#info')?.textContent !== '', null, {
      timeout: WAIT_MS,
    });
    assert.match(await page('carol').textContent('#info'), /alice is not online now; the message will reach them/);
    assert.equal(await page('carol').textContent('#error'), '');
    assert.equal(await page('carol').inputValue('#message'), '');
  });

  it('closeLeavesTheOnlineListOfOthers', async () => {
    assert.equal(await page('alice').textContent('#state'), 'closed');
    await waitForOnline(page('bob'), 'alice', false);
    assert.equal(await page('alice').$$eval('#online .online-user', (items) => items.length), 0);
  });

  it('reconnectsAfterCloseAndReceivesWhatWasSentMeanwhileAndNewMessages', async () => {
    const before = await shownTexts(page('alice'));
    await page('alice').click('#connect');
    await waitForState(page('alice'), 'open');
    // the same user resumes from their last id: the message kept for her arrives, nothing shown repeats
    assert.equal((await waitForMessage(page('alice'), 'are you there?')).sender, 'carol');
    assert.deepEqual(await shownTexts(page('alice')), [...before, 'are you there?']);
    assert.match(users.get('alice').streams.at(-1), /[?&]lastEventId=[^&]/, 'the stream resumes rather than asks for history');
    await waitForOnline(page('bob'), 'alice', true);
    await send(page('bob'), 'welcome back');
    assert.equal((await waitForMessage(page('alice'), 'welcome back')).sender, 'bob');
  });

  it('savesAScreenshotAndRaisedNoPageErrorsNorCspViolations', async () => {
    await mkdir(join(repo, 'test-results'), { recursive: true });
    await page('alice').screenshot({ path: join(repo, 'test-results/chat.png') });
    for (const [name, user] of users) {
      assert.deepEqual(user.pageErrors, [], `page errors for ${name}`);
      assert.deepEqual(await cspViolations(user.page), [], `CSP violations for ${name}`);
      assert.deepEqual(unexpectedConsoleErrors(user), [], `console errors for ${name}`);
    }
  });
});
