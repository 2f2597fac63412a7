// Shared pieces of the end-to-end suite: a static server for dist/ on an ephemeral loopback
// port (sending the security headers from static/_headers, as a production host would) and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { before, after } from 'node:test';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync, mkdirSync } from 'node:fs';
import { join, extname, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { namedByEngine } from '../../scripts/engine-names.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');
export const artifacts = join(root, 'tests', 'e2e', 'artifacts');
mkdirSync(artifacts, { recursive: true });

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Headers from static/_headers, per path pattern (`/*` for every response, `/sw.js` for the
 * service worker), as a host that reads the file sends them.
 */
function hostHeaders() {
  const blocks = [];
  for (const line of readFileSync(join(root, 'static', '_headers'), 'utf8').split('\n')) {
    if (/^\//.test(line)) blocks.push({ pattern: line.trim(), headers: {} });
    const m = /^\s+([A-Za-z-]+):\s*(.+)$/.exec(line);
    if (m && blocks.length) blocks.at(-1).headers[m[1]] = m[2].trim();
  }
  return (path) => Object.assign({}, ...blocks
    .filter(({ pattern }) => pattern === '/*' || pattern === path)
    .map(({ headers }) => headers));
}

/**
 * Serves a built page on an ephemeral 127.0.0.1 port, as a static host would. `dir` is dist/
 * unless told; `setRoot(dir)` deploys another build in place; `setOffline(true)` makes every
 * request fail as with no network (the connection is dropped). `requests` records every request
 * that reached the server: `{ path, at, worker }`, `worker` when the browser fetched the
 * service-worker script itself (its `Service-Worker: script` header).
 */
export async function startServer({ dir = dist } = {}) {
  let serving = dir;
  let offline = false;
  const requests = [];
  if (!existsSync(join(serving, 'index.html'))) {
    throw new Error(`${serving}/index.html is missing: run \`trunk build --release\` first (make test does)`);
  }
  const headersFor = hostHeaders();
  const server = createServer((req, res) => {
    if (offline) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push({ path, at: Date.now(), worker: req.headers['service-worker'] === 'script' });
    const headers = headersFor(path);
    let file = normalize(join(serving, path));
    if (!file.startsWith(serving)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    setRoot: (next) => { serving = next; },
    setOffline: (value) => { offline = value; },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch() {
  // playwright's launch() gives every browser a fresh, temporary user-data-dir.
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

/**
 * Opens the page in a fresh context, recording every request, dialog, console error and CSP
 * violation (`init`: functions run in the page before its own scripts). Resolves once the wasm app has started (window.hopscope exists) and `waitFor` is
 * on the page.
 */
export async function openPage(browser, url, { colorScheme = 'light', width = 1280, height = 900, hash = '', waitFor = 'textarea#headers', touch = false, init = [] } = {}) {
  // `touch`: a phone's touch screen (coarse pointer, no hover), as Chromium emulates it.
  const context = await browser.newContext({ colorScheme, viewport: { width, height }, ...(touch ? { hasTouch: true, isMobile: true } : {}) });
  const page = await context.newPage();
  const log = { requests: [], dialogs: [], errors: [], csp: [], loadedAt: null };
  page.on('request', (r) => log.requests.push({ url: r.url(), at: Date.now(), method: r.method(), body: r.postData() != null }));
  page.on('dialog', async (d) => { log.dialogs.push(d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // `init`: more scripts to run before the page's own (to observe it, or to take a browser
  // feature away).
  for (const script of init) await page.addInitScript(script);
  const started = Date.now();
  log.startedAt = started;
  await page.goto(url + hash, { waitUntil: 'load' });
  await page.waitForFunction(() => window.hopscope && typeof window.hopscope.analyze === 'function', null, { timeout: 30000 });
  await page.waitForSelector(waitFor);
  log.loadedAt = Date.now();
  log.readyMs = log.loadedAt - started;
  // The service worker has kept this version's files (static/offline.js registers it after
  // load; its install fetches every file of the build once).
  await page.waitForFunction(() => navigator.serviceWorker.ready.then((r) => r.active !== null), null, { timeout: 30000 });
  log.installedAt = Date.now();
  return { context, page, log };
}

/**
 * Reloads a page opened by openPage: a new load, so requests until the app is ready again count
 * as part of loading (`log.loadedAt` moves), as for the first load.
 */
export async function reloadPage(page, log, waitFor = 'textarea#headers') {
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.hopscope && typeof window.hopscope.analyze === 'function', null, { timeout: 30000 });
  await page.waitForSelector(waitFor);
  log.loadedAt = Date.now();
}

/** Puts text into the paste area as a paste would (one input event), then waits for the report. */
export async function paste(page, text) {
  const started = Date.now();
  await page.evaluate((t) => {
    const area = document.querySelector('textarea#headers');
    area.value = t;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await settle(page);
  return Date.now() - started;
}

/**
 * Pastes over the whole text box as the browser's paste event delivers it (a ClipboardEvent
 * carrying the text), so the page's own paste handling runs: a paste too large to edit is taken from the event by the page
 * instead of being put into the box. Then waits for the report. Returns the page's clock
 * (`performance.now()`) at the paste: handing the text to the page (a long task of the test's
 * own for megabytes) happens before it.
 */
export async function clipboardPaste(page, text) {
  await page.evaluate((t) => { window.__clipboard = t; }, text);
  const at = await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', window.__clipboard);
    delete window.__clipboard;
    const area = document.querySelector('textarea#headers');
    area.focus();
    area.select(); // a paste over everything the box holds, as after Ctrl+A
    const now = performance.now();
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return now;
  });
  await settle(page);
  return at;
}

/** Waits until the report matches the current input (no pending debounce). */
export async function settle(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('#summary');
    return s && s.getAttribute('aria-busy') !== 'true';
  }, null, { timeout: 30000 });
  await page.waitForTimeout(50);
  await page.waitForFunction(() => document.querySelector('#summary')?.getAttribute('aria-busy') !== 'true');
}

/** Every hop element's stable attributes, oldest first. */
export async function hopAttributes(page) {
  const all = await page.$$eval('[data-hop][data-verdict]', (els) => els.map((e) => ({
    hop: Number(e.getAttribute('data-hop')),
    verdict: e.getAttribute('data-verdict'),
    scope: e.getAttribute('data-scope'),
  })));
  // A hop may appear twice (route and details): keep one, and insist that both agree.
  const byHop = new Map();
  for (const h of all) {
    const seen = byHop.get(h.hop);
    if (seen && (seen.verdict !== h.verdict || seen.scope !== h.scope)) {
      throw new Error(`hop ${h.hop} is shown with two different verdicts or scopes`);
    }
    byHop.set(h.hop, h);
  }
  return [...byHop.values()].sort((a, b) => a.hop - b.hop);
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}

/**
 * Like openPage, for a URL that may not show the text box (a share link opens the shared-report
 * view): records the same things and resolves once the wasm app has started.
 */
export function openUrl(browser, url, options = {}) {
  return openPage(browser, url, { ...options, waitFor: '#main' });
}

/** The CLI's JSON output for the same text, as printed (the CLI is built by `cargo test`). */
export function cliJson(text) {
  const bin = join(root, 'target', 'debug', 'hopscope');
  const out = existsSync(bin)
    ? execFileSync(bin, ['analyze', '--format', 'json', '-'], { input: text })
    : execFileSync('cargo', ['run', '-q', '-p', 'hopscope-cli', '--', 'analyze', '--format', 'json', '-'], { input: text, cwd: root });
  return out.toString();
}

export const cliReport = (text) => JSON.parse(cliJson(text));

/** The CLI's JSON report of a file (an Outlook .msg is read for its transport headers). */
export function cliFileReport(path) {
  const bin = join(root, 'target', 'debug', 'hopscope');
  const out = existsSync(bin)
    ? execFileSync(bin, ['analyze', '--format', 'json', path])
    : execFileSync('cargo', ['run', '-q', '-p', 'hopscope-cli', '--', 'analyze', '--format', 'json', path], { cwd: root });
  return JSON.parse(out.toString());
}

let fixtures = null;
/**
 * The .msg files the tests open, written once per run into tests/e2e/artifacts/msg by the
 * engine's `msg_fixtures` example (built by `cargo test`), with the real Outlook samples of
 * crates/msg/tests/data. Returns the folder.
 */
export function msgFixtures() {
  if (fixtures) return fixtures;
  const dir = join(artifacts, 'msg');
  mkdirSync(dir, { recursive: true });
  const bin = join(root, 'target', 'debug', 'examples', 'msg_fixtures');
  if (existsSync(bin)) execFileSync(bin, [dir]);
  else execFileSync('cargo', ['run', '-q', '-p', 'hopscope-engine', '--example', 'msg_fixtures', '--', dir], { cwd: root });
  fixtures = dir;
  return dir;
}

/**
 * The page's files that are loaded after startup, on first use: the engine's script (the boot
 * tag's data-engine) and the engine's js and wasm and the audit's view (static/audit.js) it names. Read from dist/, as the size report
 * does.
 */
export function engineFiles() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const script = /data-engine="?\.\/([^"\s>]+)/.exec(html)?.[1];
  if (!script) throw new Error('dist/index.html names no engine (data-engine)');
  const named = namedByEngine(dist, script);
  if (named.length !== 3) throw new Error(`${script} names ${named.length} engine files, not 3 (the engine's js and wasm, the audit's view)`);
  return new Set([script, ...named]);
}

/**
 * Privacy: every request the recorded pages made went to `origin` (or was a data:/blob: URL
 * made in the tab), was a GET with no body, and came before the app had loaded — except the
 * page's own engine files (`engineFiles`), which the page loads from its origin on first use.
 * `blobsAfterLoad` allows the blob: and data: URLs that downloads create later.
 */
export function assertRequestsStayed(pages, origin, { blobsAfterLoad = false } = {}) {
  const lazy = engineFiles();
  for (const { log, name } of pages) {
    for (const r of log.requests) {
      const local = r.url.startsWith('data:') || r.url.startsWith('blob:');
      assert.ok(local || r.url.startsWith(origin), `${name}: request left the origin: ${r.url}`);
      assert.ok(r.method === 'GET' && !r.body, `${name}: a request sent something: ${r.method} ${r.url}`);
      const engine = !local && lazy.has(new URL(r.url).pathname.slice(1));
      if (!(local && blobsAfterLoad) && !engine) {
        assert.ok(r.at <= log.loadedAt, `${name}: request after load: ${r.url}`);
      }
    }
  }
}

/** The files of a build, as its service worker lists them (dist/sw.js, scripts/precache.mjs). */
export function buildFiles(dir = dist) {
  const worker = readFileSync(join(dir, 'sw.js'), 'utf8');
  return [...worker.matchAll(/^ {2}\["([^"]+)",/gm)].map((m) => m[1]);
}

/**
 * Privacy, as the server saw it: every request was for a file of the build (or the page's
 * address), and outside the time each page took to load and to keep its files for offline use
 * (`startedAt` … `installedAt`), the only requests were the browser's update check of the
 * service worker (`/sw.js`, fetched by the browser itself after a page is opened) and the
 * engine's own files, which the page loads on first use (README, "What the page loads").
 */
export function assertServerSawOnlyThePage(server, pages, dir = dist) {
  const allowed = new Set(['/', '/sw.js', ...buildFiles(dir).map((f) => `/${f}`)]);
  const lazy = engineFiles();
  const windows = pages.map(({ log }) => [log.startedAt, Math.max(log.loadedAt, log.installedAt ?? 0)]);
  for (const r of server.requests) {
    assert.ok(allowed.has(r.path), `the server was asked for ${r.path}, which is not a file of the page`);
    const duringLoad = windows.some(([from, to]) => r.at >= from && r.at <= to);
    const later = (r.path === '/sw.js' && r.worker) || lazy.has(r.path.slice(1));
    assert.ok(duringLoad || later, `request after load: ${r.path} (only the update check of /sw.js and the engine's files may come later)`);
  }
}

/**
 * The usual frame of a test file: before its tests, a server for dist/ and a browser; after
 * them, the privacy checks over every page the file opened (`assertRequestsStayed`, and
 * `assertServerSawOnlyThePage` unless `serverCheck` is false), then both closed. Pages are
 * opened with `suite.open(name, options)` (the page, by `openPage`) or `suite.openLink(name, url,
 * options)` (any URL in a fresh context, by `openUrl`); `suite.server` and `suite.browser` are
 * there once the tests run. `blobsAfterLoad`: downloads (blob: URLs made in the tab) may come
 * after load. `ready(suite)` runs once both are up, before the first test (a page shared by the
 * file's tests is opened there: a hook of the file's own would run before this one's).
 */
export function browserSuite({ blobsAfterLoad = false, serverCheck = true, ready = null } = {}) {
  const suite = {
    server: null,
    browser: null,
    pages: [],
    async open(name, options) {
      const opened = await openPage(suite.browser, suite.server.url, options);
      suite.pages.push({ ...opened, name });
      return opened;
    },
    async openLink(name, url, options) {
      const opened = await openUrl(suite.browser, url, options);
      suite.pages.push({ ...opened, name });
      return opened;
    },
  };
  before(async () => {
    suite.server = await startServer();
    suite.browser = await launch();
    await ready?.(suite);
  });
  after(async () => {
    try {
      assertRequestsStayed(suite.pages, suite.server.origin, { blobsAfterLoad });
      if (serverCheck) assertServerSawOnlyThePage(suite.server, suite.pages);
    } finally {
      await suite.browser?.close();
      await suite.server?.close();
    }
  });
  return suite;
}

/**
 * What every hop of tests/e2e/inputs/mixed-chain.txt proves, written out by hand (a second
 * opinion beside the CLI's report). Hop 5: no address is recorded for mx2 → store, and nothing
 * shows a private network: since issue 15 such a hop counts as crossing the Internet (it was
 * 'internal').
 */
export const MIXED_HOPS = Object.freeze([
  { hop: 1, verdict: 'unknown', scope: 'local' },
  { hop: 2, verdict: 'plaintext', scope: 'internal' },
  { hop: 3, verdict: 'plaintext', scope: 'external' },
  { hop: 4, verdict: 'encrypted', scope: 'external' },
  { hop: 5, verdict: 'unknown', scope: 'external' },
  { hop: 6, verdict: 'plaintext', scope: 'local' },
]);
