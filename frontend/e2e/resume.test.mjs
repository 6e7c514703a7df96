// Loss-free resume in a real browser (issue 10): a page whose node drains moves to the other node
// of a cluster behind nginx and shows every message once, in order (its session, kept cluster-wide,
// holds on the other node); a page whose single node restarted, and so lost its history and its
// sessions, asks to sign in again and then says that messages were missed, after the page itself
// (not the browser) opened a new stream with its last id.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  clusterArgs,
  connectAs,
  freePort,
  Nginx,
  openUser,
  post,
  repo,
  requireTools,
  shownTexts,
  sleep,
  TidingsNode,
  until,
  WAIT_MS,
  waitForState,
} from './support.mjs';

const CLUSTER_START_MS = 90_000;
/** Messages posted while the page's node drains and its stream moves: bounded, but spanning the gap. */
const MESSAGES = 20;
const BEFORE_DRAIN = 5;
const POST_EVERY_MS = 250;

/** Waits until the page shows `count` messages, and a moment more so that a late duplicate shows too. */
async function waitForCount(p, count, timeout) {
  await p.waitForFunction((n) => document.querySelectorAll('#messages .message').length >= n, count, { timeout });
  await sleep(500);
  return shownTexts(p);
}

function missedNotice(p) {
  return p.textContent('#missed');
}

describe('a page resumes after its node drains, behind nginx', () => {
  const nodes = [];
  let nginx;
  let reader;

  before(async () => {
    requireTools('nginx');
    const httpPorts = [await freePort(), await freePort()];
    const clusterPorts = [await freePort(), await freePort()];
    for (const i of [0, 1]) nodes.push(new TidingsNode(`node-${i + 1}`, httpPorts[i], clusterArgs(clusterPorts, i)));
    nginx = await Nginx.start(httpPorts);
    await Promise.all(nodes.map((n) => n.awaitHealthy(CLUSTER_START_MS)));
  });

  after(async () => {
    await reader?.close();
    await nginx?.stop();
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('showsEveryMessageOnceAndInOrderWhileItsStreamMovesToTheOtherNode', async () => {
    reader = await openUser('reader', nginx.url);
    const p = reader.page;
    await connectAs(p, 'reader');
    // Both nodes list the reader: the cluster has formed, and messages posted to either reach it.
    await until('both nodes list the reader online', async () => {
      const lists = await Promise.all(nodes.map((n) => fetch(`${n.url}/api/online`).then((r) => r.json())));
      return lists.every((list) => list.users.includes('reader'));
    }, CLUSTER_START_MS);
    const healths = await Promise.all(nodes.map((n) => n.health()));
    const holding = nodes[healths.findIndex((h) => h?.streams === 1)];
    assert.ok(holding !== undefined, `one node holds the page's stream: ${JSON.stringify(healths)}`);
    const other = nodes.find((n) => n !== holding);

    const expected = Array.from({ length: MESSAGES }, (_, i) => `drain ${String(i + 1).padStart(2, '0')}`);
    for (const text of expected.slice(0, BEFORE_DRAIN)) await post(other.url, 'writer', text);
    assert.deepEqual(await waitForCount(p, BEFORE_DRAIN, WAIT_MS), expected.slice(0, BEFORE_DRAIN));

    // The node drains (about 1 s), tells the stream to reconnect and ends it; the browser comes
    // back after the server's retry delay (2 s), through nginx to the other node. The writer
    // keeps posting all along, so most of what follows is posted while the page has no stream.
    holding.terminate();
    for (const text of expected.slice(BEFORE_DRAIN)) {
      await post(other.url, 'writer', text);
      await sleep(POST_EVERY_MS);
    }
    assert.deepEqual(await waitForCount(p, MESSAGES, 20_000), expected);
    // Delivered once, too: the page drops repeats, so a server that replayed its recent history
    // instead of resuming after the id would pass the check above.
    const delivered = reader.sseEvents.filter((e) => e.type === 'message').map((e) => JSON.parse(e.data).message);
    assert.deepEqual(delivered, expected);
    const types = reader.sseEvents.map((e) => e.type).filter((type) => type === 'welcome' || type === 'reconnect');
    assert.deepEqual(types, ['welcome', 'reconnect', 'welcome'], 'the node told the stream to reconnect, and it did once');
    await waitForState(p, 'open');
    assert.equal((await other.health())?.streams, 1, "the page's stream is on the other node now");
    assert.equal(await missedNotice(p), '');
    await until(`${holding.name} has exited`, () => !holding.running, 20_000);
    assert.deepEqual(reader.pageErrors, []);
  });
});

describe('a page whose single node restarted signs in again and says messages were missed', () => {
  let node;
  let nginx;
  let reader;

  before(async () => {
    requireTools('nginx');
    node = new TidingsNode('single', await freePort(), []);
    // nginx answers 502 while the node is down: the browser then gives up, and the page reopens.
    nginx = await Nginx.start([node.port]);
    await node.awaitHealthy();
  });

  after(async () => {
    await reader?.close();
    await nginx?.stop();
    await node?.stop();
  });

  it('showsTheMissedNoticeWhenItsLastIdIsFromAHistoryTheServerNoLongerHas', async (t) => {
    reader = await openUser('dora', nginx.url);
    const p = reader.page;
    await connectAs(p, 'dora');
    for (const text of ['before 1', 'before 2', 'before 3']) await post(node.url, 'writer', text);
    assert.deepEqual(await waitForCount(p, 3, WAIT_MS), ['before 1', 'before 2', 'before 3']);
    assert.equal(await missedNotice(p), '');

    // While the node is down, the browser's own retry gets a 502 and gives up; the page then
    // opens streams itself, after backoff, with the last id it saw.
    await node.stop();
    await until('the page opens a stream with ?lastEventId=', () => reader.streams.some((u) => u.includes('lastEventId=')), 20_000);
    // A fresh process on the same port: everything it kept before is gone.
    node = new TidingsNode('single-again', node.port, []);
    await node.awaitHealthy();
    await post(node.url, 'writer', 'after the restart');

    // The fresh process knows no sessions either: the page's next stream is refused, and the page
    // stops reconnecting and asks to sign in again. Connect claims the name anew and resumes.
    await p.waitForFunction(
      (text) => document.querySelector('#error')?.textContent === text,
      'Your session ended; sign in again.',
      { timeout: 30_000 },
    );
    await waitForState(p, 'closed');
    assert.equal(await p.inputValue('#user'), 'dora');
    await p.click('#connect');

    // The server cannot replay from the page's id and says so.
    await p.waitForFunction(() => document.querySelector('#missed')?.textContent !== '', null, { timeout: 30_000 });
    assert.match(await missedNotice(p), /^Some messages were missed while you were away: \S/);
    await waitForState(p, 'open');
    await post(node.url, 'writer', 'live again');
    await p.waitForFunction((t) => [...document.querySelectorAll('#messages .text')].some((e) => e.textContent === t), 'live again');
    // What the new node kept (posted before or after the page came back) follows once.
    assert.deepEqual(await shownTexts(p), ['before 1', 'before 2', 'before 3', 'after the restart', 'live again']);
    t.diagnostic(`streams the page requested: ${reader.streams.join(' ')}`);
    await mkdir(join(repo, 'test-results'), { recursive: true });
    await p.screenshot({ path: join(repo, 'test-results/missed.png') });
    assert.deepEqual(reader.pageErrors, []);
  });
});
