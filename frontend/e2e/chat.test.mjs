// The page against the real server in a real browser: starts backend/target/tidings.jar on a
// free port, drives three independent Chromium profiles (alice, bob, carol), and stops it all.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const jar = process.env.TIDINGS_JAR ?? join(repo, 'backend/target/tidings.jar');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WAIT_MS = 10_000;
const SERVER_START_MS = 30_000;

let server;
let serverOutput = '';
let baseUrl;
const users = new Map(); // name -> { context, page, dataDir, pageErrors, dialogs }

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  server = spawn('java', ['-jar', jar, '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    serverOutput = (serverOutput + chunk).slice(-20_000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + SERVER_START_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`the server exited with ${server.exitCode} before it was healthy:\n${serverOutput}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`GET /health did not answer 200 within ${SERVER_START_MS} ms:\n${serverOutput}`);
}

async function stopServer() {
  if (server === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  process.kill(server.pid, 'SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
  if (!stopped) {
    process.kill(server.pid, 'SIGKILL');
    await exited;
  }
}

/** A user is a separate Chromium profile: independent cookies, storage and connections. */
async function openPage(name) {
  const dataDir = await mkdtemp(join(tmpdir(), `tidings-e2e-${name}-`));
  const context = await chromium.launchPersistentContext(dataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1100, height: 700 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(WAIT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  const user = { context, page, dataDir, pageErrors: [], dialogs: [] };
  page.on('pageerror', (error) => user.pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    user.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  users.set(name, user);
  await page.goto(baseUrl);
  return page;
}

function page(name) {
  return users.get(name).page;
}

function waitForState(p, state) {
  return p.waitForFunction((s) => document.querySelector('#state')?.textContent === s, state, { timeout: WAIT_MS });
}

async function connect(name) {
  const p = users.has(name) ? page(name) : await openPage(name);
  await p.fill('#user', name);
  await p.click('#connect');
  await waitForState(p, 'open');
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

function shownTexts(p) {
  return p.$$eval('#messages .message .text', (items) => items.map((e) => e.textContent));
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
    if (!existsSync(jar)) {
      const message = `${jar} does not exist: build it first with  mvn -f backend/pom.xml package  (or set TIDINGS_JAR)`;
      console.error(message); // node:test reports a failed hook only after every cancelled test
      throw new Error(message);
    }
    if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`);
    await startServer();
  });

  after(async () => {
    for (const user of users.values()) {
      await user.context.close().catch(() => undefined);
      await rm(user.dataDir, { recursive: true, force: true });
    }
    await stopServer();
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

  it('showsTheServersErrorWhenARecipientHasLeft', async () => {
    await page('carol').selectOption('#recipient', 'alice');
    await page('alice').click('#close');
    await waitForState(page('alice'), 'closed');
    await waitForOnline(page('carol'), 'alice', false);
    // alice stays the chosen recipient, so the message is refused rather than broadcast.
    assert.equal(await page('carol').inputValue('#recipient'), 'alice');
    await page('carol').fill('#message', 'are you there?');
    await page('carol').click('#send');
    await page('carol').waitForFunction(() => document.querySelector('#error')?.textContent !== '', null, {
      timeout: WAIT_MS,
    });
    assert.equal(await page('carol').inputValue('#message'), 'are you there?');
  });

  it('closeLeavesTheOnlineListOfOthers', async () => {
    assert.equal(await page('alice').textContent('#state'), 'closed');
    await waitForOnline(page('bob'), 'alice', false);
    assert.equal(await page('alice').$$eval('#online .online-user', (items) => items.length), 0);
  });

  it('reconnectsAfterCloseAndReceivesNewMessages', async () => {
    await page('alice').click('#connect');
    await waitForState(page('alice'), 'open');
    await waitForOnline(page('bob'), 'alice', true);
    await send(page('bob'), 'welcome back');
    assert.equal((await waitForMessage(page('alice'), 'welcome back')).sender, 'bob');
  });

  it('savesAScreenshotAndRaisedNoPageErrors', async () => {
    await mkdir(join(repo, 'test-results'), { recursive: true });
    await page('alice').screenshot({ path: join(repo, 'test-results/chat.png') });
    for (const [name, user] of users) assert.deepEqual(user.pageErrors, [], `page errors for ${name}`);
  });
});
