// What the browser tests share: Tidings nodes and nginx as child processes, Chromium profiles as
// users, and bounded waits on what the page shows. Every process started here is stopped by the
// handle it returns, and nothing else is ever signalled.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const jar = process.env.TIDINGS_JAR ?? join(repo, 'backend/target/tidings.jar');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const nginxPath = process.env.NGINX ?? '/usr/sbin/nginx';
export const WAIT_MS = 10_000;
const SERVER_START_MS = 60_000;
const STOP_MS = 15_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Fails the suite early, with what to do, when the jar or the browser is missing. */
export function requireTools(...extra) {
  const missing = [];
  if (!existsSync(jar)) missing.push(`${jar} does not exist: build it first with  mvn -f backend/pom.xml package  (or set TIDINGS_JAR)`);
  if (!existsSync(chromiumPath)) missing.push(`no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`);
  if (extra.includes('nginx') && !existsSync(nginxPath)) {
    missing.push(`no nginx at ${nginxPath} (run scripts/ensure-nginx.sh as root, or set NGINX)`);
  }
  if (missing.length > 0) {
    const message = missing.join('\n');
    console.error(message); // node:test reports a failed hook only after every cancelled test
    throw new Error(message);
  }
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Resolves once `probe` returns true; fails with `what` after `timeoutMs`. */
export async function until(what, probe, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(100);
  }
}

/** A Tidings node (java -jar) on 127.0.0.1:`port`. */
export class TidingsNode {
  constructor(name, port, args) {
    this.name = name;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.output = '';
    this.process = spawn('java', ['-Xmx256m', '-jar', jar, '--host', '127.0.0.1', '--port', String(port), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((r) => this.process.once('exit', r));
    const keep = (chunk) => {
      this.output = (this.output + chunk).slice(-40_000);
    };
    this.process.stdout.on('data', keep);
    this.process.stderr.on('data', keep);
  }

  get running() {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The node's GET /health body, or null when it does not answer 200. */
  async health() {
    try {
      const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) });
      return response.status === 200 ? await response.json() : null;
    } catch {
      return null;
    }
  }

  async awaitHealthy(timeoutMs = SERVER_START_MS) {
    await until(`${this.name} answers GET /health with 200`, async () => {
      if (!this.running) throw new Error(`${this.name} exited with ${this.process.exitCode} before it was healthy:\n${this.output}`);
      return (await this.health()) !== null;
    }, timeoutMs).catch((error) => {
      throw new Error(`${error.message}\n${this.output}`);
    });
    return this;
  }

  /** SIGTERM: the node drains (its streams get `reconnect`) and exits. Does not wait. */
  terminate() {
    if (this.running) this.process.kill('SIGTERM');
  }

  /** SIGTERM, and SIGKILL if it has not exited within STOP_MS; resolves once it has exited. */
  async stop() {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_MS).then(() => false)]);
    if (!stopped && this.running) {
      this.process.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** The options that make nodes on loopback one cluster (as NodeProcess.clusterArgs in the backend tests). */
export function clusterArgs(clusterPorts, index) {
  return [
    '--instances', '1',
    '--presence-interval-millis', '200',
    '--cluster', '--cluster-host', '127.0.0.1',
    '--cluster-port', String(clusterPorts[index]),
    '--cluster-members', clusterPorts.map((p) => `127.0.0.1:${p}`).join(','),
  ];
}

/**
 * Debian's nginx running the shipped backend/deploy/nginx/tidings.conf with only its
 * machine-specific lines replaced, as NginxProcess.testConfig does for the backend tests: user,
 * worker_processes, pid, logs, temp paths, the upstream servers, the listen ports and the TLS files;
 * and the Host passed on, which must keep the port here (below).
 */
export class Nginx {
  static async start(nodePorts) {
    const dir = await mkdtemp(join(tmpdir(), 'tidings-e2e-nginx-'));
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const conf = join(dir, 'nginx.conf');
    try {
      await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', join(dir, 'tidings.key'), '-out', join(dir, 'tidings.crt'), '-days', '2', '-subj', '/CN=127.0.0.1']);
      const shipped = await readFile(join(repo, 'backend/deploy/nginx/tidings.conf'), 'utf8');
      await writeFile(conf, testConfig(shipped, dir, httpPort, httpsPort, nodePorts));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    // Its own process group, so that a SIGKILL after a failed stop reaches its workers too.
    const child = spawn(nginxPath, ['-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const nginx = new Nginx(child, dir, httpPort);
    try {
      await until('nginx accepts connections', async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${nginx.output}`);
        try {
          await fetch(`${nginx.url}/health`, { signal: AbortSignal.timeout(1000) });
          return true;
        } catch {
          return false;
        }
      });
    } catch (error) {
      await nginx.stop();
      throw error;
    }
    return nginx;
  }

  constructor(child, dir, httpPort) {
    this.child = child;
    this.dir = dir;
    this.url = `http://127.0.0.1:${httpPort}`;
    this.output = '';
    this.exited = new Promise((r) => child.once('exit', r));
    const keep = (chunk) => {
      this.output = (this.output + chunk).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_MS).then(() => false)]);
      if (!stopped) {
        process.kill(-this.child.pid, 'SIGKILL');
        await this.exited;
      }
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

function testConfig(shipped, dir, httpPort, httpsPort, nodePorts) {
  let upstreams = 0;
  const rules = [
    [/^user\s+\S+.*;$/, () => []],
    [/^worker_processes\s+\S+;$/, () => ['worker_processes 1;']],
    [/^pid\s+\S+;$/, () => [`pid ${join(dir, 'nginx.pid')};`]],
    [/^error_log\s+\S+(.*);$/, (m) => [`error_log ${join(dir, 'error.log')}${m[1]};`]],
    [/^access_log\s+\S+(.*);$/, (m) => [`access_log ${join(dir, 'access.log')}${m[1]};`]],
    [/^(\w+_temp_path)\s+\S+;$/, (m) => [`${m[1]} ${join(dir, m[1].replace('_path', ''))};`]],
    [/^server\s+127\.0\.0\.1:\d+(.*);$/, (m) => (upstreams++ > 0 ? [] : nodePorts.map((p) => `server 127.0.0.1:${p}${m[1]};`))],
    [/^listen\s+80(.*);$/, (m) => [`listen 127.0.0.1:${httpPort}${m[1]};`]],
    [/^listen\s+443(.*);$/, (m) => [`listen 127.0.0.1:${httpsPort}${m[1]};`]],
    [/^ssl_certificate\s+\S+;$/, () => [`ssl_certificate ${join(dir, 'tidings.crt')};`]],
    [/^ssl_certificate_key\s+\S+;$/, () => [`ssl_certificate_key ${join(dir, 'tidings.key')};`]],
    // The server refuses a POST whose Origin is not its Host. $host drops the port, which a browser's
    // Origin keeps: on 80 and 443 that is the same thing, on the test's free port it is not.
    [/^proxy_set_header\s+Host\s+\S+;$/, () => ['proxy_set_header Host $http_host;']],
  ];
  const found = new Array(rules.length).fill(0);
  const out = shipped.split('\n').flatMap((line) => {
    const directive = line.trim();
    const indent = line.slice(0, line.length - line.trimStart().length);
    for (const [i, [pattern, replace]] of rules.entries()) {
      const m = directive.match(pattern);
      if (m !== null) {
        found[i] += 1;
        return replace(m).map((l) => indent + l);
      }
    }
    return [line];
  });
  const unmatched = rules.filter((_, i) => found[i] === 0).map(([pattern]) => String(pattern));
  if (unmatched.length > 0) throw new Error(`tidings.conf has no line like ${unmatched.join(', ')}: update e2e/support.mjs`);
  return out.join('\n');
}

function run(command, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.once('error', (error) => reject(new Error(`could not run ${command} (the nginx test makes its TLS certificate with it): ${error.message}`)));
    child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`${command} failed (${code}): ${errors}`))));
  });
}

/** The directives the server's Content-Security-Policy for the page must hold; the page must work under them. */
export const PAGE_CSP_DIRECTIVES = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "object-src 'none'",
  "frame-ancestors 'none'",
];

/** A user is a separate Chromium profile: independent cookies, storage and connections. */
export async function openUser(name, url, { csp = false } = {}) {
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
  // Recorded in every page before its own script runs; the policy does not apply to what is injected.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  const user = {
    name,
    context,
    /** The Content-Security-Policy header the server sent with the page's document, when opened with { csp }. */
    cspHeader: null,
    pageErrors: [],
    /** The text of every console error: console.error and the browser's own (CSP refusals, failed loads). */
    consoleErrors: [],
    dialogs: [],
    /** The URL of every stream the page opened, in order. */
    streams: [],
    /** Every event its streams delivered, as the browser read it (before the page de-duplicates). */
    sseEvents: [],
    async close() {
      await context.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (csp) {
    context.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path === '/' || path === '/index.html') user.cspHeader = response.headers()['content-security-policy'] ?? null;
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  user.page = page;
  page.on('console', (message) => {
    if (message.type() === 'error') user.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => user.pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    user.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/sse') user.streams.push(request.url());
  });
  const devtools = await context.newCDPSession(page);
  devtools.on('Network.eventSourceMessageReceived', ({ eventName, eventId, data }) => {
    user.sseEvents.push({ type: eventName, id: eventId, data });
  });
  await devtools.send('Network.enable');
  await page.goto(url);
  return user;
}

export function waitForState(p, state, timeout = WAIT_MS) {
  return p.waitForFunction((s) => document.querySelector('#state')?.textContent === s, state, { timeout });
}

/** Types the name and clicks Connect, then waits until the stream is open. */
export async function connectAs(p, name) {
  await p.fill('#user', name);
  await p.click('#connect');
  await waitForState(p, 'open');
}

/** The CSP violations the page reported (see openUser). */
export function cspViolations(p) {
  return p.evaluate(() => window.cspViolations ?? []);
}

/**
 * Console errors that are not the browser logging an HTTP status the test provoked and the page
 * handles (Chromium logs every 4xx as a failed resource): none by default, since a page without a
 * session asks GET /api/session and gets {"user": null}, not an error.
 */
export function unexpectedConsoleErrors(user, expectedStatuses = []) {
  return user.consoleErrors.filter(
    (text) => !expectedStatuses.some((status) => text.startsWith(`Failed to load resource: the server responded with a status of ${status}`)),
  );
}

export function shownTexts(p) {
  return p.$$eval('#messages .message .text', (items) => items.map((e) => e.textContent));
}

/** Session tokens of the users `post` sends as, by user: claimed once, claimed again when refused. */
const tokens = new Map();

/** Claims `user` on the server at `baseUrl` as a client without cookies would; null when it keeps no sessions. */
async function claim(baseUrl, user) {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
    signal: AbortSignal.timeout(WAIT_MS),
  });
  const body = await response.json();
  assert.equal(response.status, 200, `POST /api/session as ${user}: ${JSON.stringify(body)}`);
  tokens.set(user, body.token);
  return body.token;
}

/**
 * POSTs a message as `user` straight to a node, as another client would, with a session of its
 * own for `user` (a server that was restarted has forgotten it: then it claims again); fails on
 * anything but 200.
 */
export async function post(baseUrl, user, message, to) {
  const send = (token) =>
    fetch(`${baseUrl}/sse/message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(to === undefined ? { user, message } : { user, message, to }),
      signal: AbortSignal.timeout(WAIT_MS),
    });
  let response = await send(tokens.has(user) ? tokens.get(user) : await claim(baseUrl, user));
  if (response.status === 401) response = await send(await claim(baseUrl, user));
  const body = await response.json();
  assert.equal(response.status, 200, `POST /sse/message: ${JSON.stringify(body)}`);
  return body;
}
