// Signing in through the page against the real server (issue 11, nickname mode, the default): a
// name is claimed once, a second browser claiming it is refused in words and not connected, a
// reload keeps the user in, Leave frees the name, and a page whose session was given up elsewhere
// stops and says so. Every page runs under the page's Content-Security-Policy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectAs,
  cspViolations,
  freePort,
  openUser,
  requireTools,
  shownTexts,
  sleep,
  TidingsNode,
  unexpectedConsoleErrors,
  PAGE_CSP_DIRECTIVES,
  WAIT_MS,
  waitForState,
} from './support.mjs';

const SESSION_ENDED = 'Your session ended; sign in again.';

let server;
let ann; // the first browser: signs in as ann
let other; // a second browser: tries ann, then signs in as eve

function waitForText(p, selector, pattern) {
  return p.waitForFunction(
    ([s, source]) => new RegExp(source).test(document.querySelector(s)?.textContent ?? ''),
    [selector, pattern.source],
    { timeout: WAIT_MS },
  );
}

async function send(p, text) {
  await p.fill('#message', text);
  await p.press('#message', 'Enter');
  await p.waitForFunction(() => document.querySelector('#message')?.value === '', null, { timeout: WAIT_MS });
}

describe('signing in through the page', () => {
  before(async () => {
    requireTools();
    server = new TidingsNode('signin', await freePort(), []);
    await server.awaitHealthy();
  });

  after(async () => {
    await ann?.close();
    await other?.close();
    await server?.stop();
  });

  it('signsInByClaimingTheNameWithAnHttpOnlyCookie', async () => {
    ann = await openUser('ann', server.url, { csp: true });
    await connectAs(ann.page, 'ann');
    const cookie = (await ann.context.cookies()).find((c) => c.name === 'tidings_session');
    assert.ok(cookie !== undefined, 'the server set the session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(await ann.page.evaluate(() => document.cookie.includes('tidings_session')), false, 'the page cannot read it');
  });

  it('keepsTheUserSignedInAndConnectedOverAReload', async () => {
    const streamsBefore = ann.streams.length;
    await ann.page.reload();
    await waitForState(ann.page, 'open');
    assert.equal(await ann.page.inputValue('#user'), 'ann');
    assert.equal(ann.streams.length, streamsBefore + 1);
    assert.match(ann.streams.at(-1), /[?&]user=ann(&|$)/);
  });

  it('refusesATakenNameInWordsAndDoesNotConnect', async () => {
    other = await openUser('other', server.url, { csp: true });
    await other.page.fill('#user', 'ann');
    await other.page.click('#connect');
    await waitForText(other.page, '#error', /^That name is taken: .*\bann\b/);
    assert.equal(await other.page.textContent('#state'), 'closed');
    assert.equal(await other.page.isEnabled('#connect'), true, 'another name can be tried');
    assert.deepEqual(other.streams, [], 'no stream was opened');
    assert.equal(await ann.page.textContent('#state'), 'open', 'the holder of the name is untouched');
  });

  it('showsHostileMessagesAsTextInEveryPage', async () => {
    await connectAs(other.page, 'eve');
    assert.equal(await other.page.textContent('#error'), '');
    const hostile = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '<b onmouseover="alert(3)">bold</b>'];
    for (const text of hostile) await send(ann.page, text);
    for (const user of [ann, other]) {
      await user.page.waitForFunction((n) => document.querySelectorAll('#messages .message').length >= n, hostile.length, {
        timeout: WAIT_MS,
      });
      assert.deepEqual((await shownTexts(user.page)).slice(-hostile.length), hostile);
      assert.equal(await user.page.$$eval('#messages img, #messages script, #messages b', (found) => found.length), 0);
      assert.deepEqual(user.dialogs, []);
    }
  });

  it('endsThePageWhoseSessionWasGivenUpInAnotherTab', async () => {
    // A second tab of the same browser shares the cookie: it comes in signed in as ann.
    const tab = await ann.context.newPage();
    const tabErrors = [];
    tab.on('pageerror', (error) => tabErrors.push(String(error)));
    await tab.goto(server.url);
    await waitForState(tab, 'open');
    assert.equal(await tab.inputValue('#user'), 'ann');
    await tab.click('#close');
    await waitForState(tab, 'closed');
    // The server ended ann's streams; the first tab's next one is refused, and the page stops there.
    await waitForText(ann.page, '#error', new RegExp(`^${SESSION_ENDED.replace(/[.;]/g, '\\$&')}$`));
    await waitForState(ann.page, 'closed');
    const streams = ann.streams.length;
    await sleep(3000);
    assert.equal(ann.streams.length, streams, 'no more reconnects after the session ended');
    assert.deepEqual(tabErrors, []);
    await tab.close();
  });

  it('letsAnotherBrowserClaimANameOnceItWasGivenUp', async () => {
    await other.page.click('#close');
    await waitForState(other.page, 'closed');
    await connectAs(other.page, 'ann');
    assert.equal(await other.page.textContent('#error'), '');
  });

  it('raisedNoCspViolationNorUnexpectedConsoleError', async (t) => {
    for (const user of [ann, other]) {
      t.diagnostic(`${user.name}: CSP ${user.cspHeader}`);
      assert.ok(user.cspHeader, `the server sent ${user.name}'s page a Content-Security-Policy`);
      for (const directive of PAGE_CSP_DIRECTIVES) assert.ok(user.cspHeader.includes(directive), `CSP has ${directive}`);
      assert.ok(!user.cspHeader.includes('unsafe-inline'), 'CSP allows nothing inline');
      t.diagnostic(`${user.name}: console errors ${JSON.stringify(user.consoleErrors)}`);
      assert.deepEqual(await cspViolations(user.page), [], `CSP violations in ${user.name}'s page`);
      assert.deepEqual(user.pageErrors, [], `page errors for ${user.name}`);
    }
    // ann's stream was refused once her session was gone (401); other's claim of ann was (409).
    assert.deepEqual(unexpectedConsoleErrors(ann, [401]), [], 'console errors for ann');
    assert.deepEqual(unexpectedConsoleErrors(other, [409]), [], 'console errors for other');
  });

  it('thePolicyIsInForceSoTheChecksAboveMeanSomething', async () => {
    const p = other.page;
    const ran = await p.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      return window.inlineRan === true;
    });
    assert.equal(ran, false, 'an inline script does not run');
    await p.waitForFunction(() => window.cspViolations.length > 0, null, { timeout: WAIT_MS });
    assert.match((await cspViolations(p))[0], /^script-src/);
  });
});
