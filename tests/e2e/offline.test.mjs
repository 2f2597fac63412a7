// End-to-end: offline use and updates (static/offline.js, static/sw.js, scripts/precache.mjs).
// After one visit the page opens, analyses and opens share links with no network; a new
// version is downloaded in the background, offered, and taken only on "Reload for the new
// version"; a page never runs a mixture of two versions' files; a half-deployed version is
// never installed; and a development build removes any kept version.
//
// A second version is made from dist/ the way a rebuild with a changed stylesheet would make
// it: a new stylesheet under a new hashed name, index.html pointing at it, and sw.js written
// again by the same script trunk runs (scripts/precache.mjs). Each test has its own server and
// browser context (service workers are kept per origin and context).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync, rmSync, cpSync, renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { root, dist, artifacts, startServer, launch, openPage, paste, settle, hopAttributes, cspViolations, buildFiles, assertServerSawOnlyThePage, MIXED_HOPS } from './harness.mjs';

let browser;
const work = join(root, 'target', 'e2e-offline');
const mixed = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8');

before(async () => {
  browser = await launch();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
});

after(async () => {
  await browser?.close();
});

/**
 * A rebuilt page: dist/ with `marker` added to the stylesheet (`--hopscope-e2e-version`), under
 * a new content-hashed name, and sw.js written again. `env` is passed to the script.
 */
function rebuild(name, marker, env = {}) {
  const dir = join(work, name);
  cpSync(dist, dir, { recursive: true });
  rmSync(join(dir, 'sw.js'));
  const css = readdirSync(dir).find((f) => /^style-[0-9a-f]{16}\.css$/.test(f));
  const text = `${readFileSync(join(dir, css), 'utf8')}\n:root{--hopscope-e2e-version:"${marker}"}\n`;
  const renamed = `style-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.css`;
  writeFileSync(join(dir, css), text);
  renameSync(join(dir, css), join(dir, renamed));
  const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const oldSri = sri(readFileSync(join(dist, css)));
  assert.ok(index.includes(css) && index.includes(oldSri), 'index.html names the stylesheet and its hash');
  writeFileSync(join(dir, 'index.html'), index.replaceAll(css, renamed).replaceAll(oldSri, sri(text)));
  execFileSync('node', [join(root, 'scripts', 'precache.mjs'), dir], { env: { ...process.env, ...env }, stdio: 'pipe' });
  return { dir, css: renamed };
}

/** What the page runs: its stylesheet, the marker of the version, every file it loaded. */
function running(page) {
  return page.evaluate(() => ({
    css: document.querySelector('link[rel="stylesheet"]').getAttribute('href').replace('./', ''),
    marker: getComputedStyle(document.documentElement).getPropertyValue('--hopscope-e2e-version').trim(),
    loaded: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1)).filter((p) => p && !p.includes(':')),
    controlled: navigator.serviceWorker.controller !== null,
  }));
}

/** Asserts that everything `page` loaded belongs to the build in `dir`, and that it works. */
async function consistent(page, dir, label) {
  const files = new Set(buildFiles(dir));
  const now = await running(page);
  assert.ok(files.has(now.css), `${label}: the stylesheet ${now.css} is this version's`);
  for (const file of now.loaded) assert.ok(files.has(file), `${label}: ${file} is a file of this version`);
  await paste(page, mixed);
  assert.equal((await hopAttributes(page)).length, 6, `${label}: the page analyses`);
  assert.deepEqual(await cspViolations(page), [], `${label}: no CSP violation`);
  return now;
}

/** Another tab of the same browser context, recording CSP violations like openPage's. */
async function newTab(context) {
  const tab = await context.newPage();
  await tab.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return tab;
}

/** Resolves when a new service worker was found and has either installed or failed. */
function nextInstall(page) {
  return page.evaluate(() => new Promise((resolve) => {
    navigator.serviceWorker.getRegistration().then((registration) => {
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' || worker.state === 'redundant') resolve(worker.state);
        });
      });
    });
  }));
}

test('after one visit: opens, analyses and opens a share link with no network', async () => {
  const server = await startServer();
  const opened = await openPage(browser, server.url);
  const { context, page, log } = opened;
  await paste(page, mixed);
  await page.click('[data-action="share"]');
  await page.waitForSelector('input[data-share-url]');
  const link = await page.inputValue('input[data-share-url]');
  const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('hopscope-')));
  assert.equal(cached.length, 1, 'one version kept');

  // No network at all: the browser is offline and the server drops every connection.
  await context.setOffline(true);
  server.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.hopscope && document.querySelector('textarea#headers'));
  await consistent(page, dist, 'offline');
  assert.ok((await running(page)).controlled, 'answered by the service worker');
  assert.deepEqual(await hopAttributes(page), MIXED_HOPS);

  // A share link, in a new tab, offline.
  const tab = await newTab(context);
  await tab.goto(link);
  await tab.waitForSelector('#shared-banner[data-shared="report"]');
  assert.equal((await hopAttributes(tab)).length, 6, 'the shared report, offline');
  await tab.screenshot({ path: join(artifacts, 'offline-shared.png'), fullPage: true });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
  await context.close();
  server.setOffline(false);
  assertServerSawOnlyThePage(server, [opened]);
  await server.close();
});

test('a new version: found in the background, offered, taken on reload, never mixed', async () => {
  const v2 = rebuild('v2', '2');
  const server = await startServer();
  const { context, page, log } = await openPage(browser, server.url);
  const v1 = await consistent(page, dist, 'version 1');
  assert.equal(v1.marker, '');

  // Deploy version 2. Opening the page (here: another tab) makes the browser check sw.js.
  server.setRoot(v2.dir);
  const installed = nextInstall(page);
  const other = await newTab(context);
  await other.goto(server.url);
  assert.equal(await installed, 'installed', 'version 2 was downloaded and checked');
  await page.waitForSelector('[data-update="ready"] [data-action="reload-update"]');
  await other.waitForSelector('[data-update="ready"]');
  // Both tabs still run version 1 in full, including the tab opened after the deploy.
  await consistent(page, dist, 'version 1 with version 2 waiting');
  const otherNow = await consistent(other, dist, 'a tab opened after the deploy');
  assert.equal(otherNow.marker, '');
  const bar = await page.textContent('.update-bar');
  assert.match(bar, /A new version of Hopscope is ready/);
  await page.screenshot({ path: join(artifacts, 'update-offered.png') });

  await Promise.all([page.waitForEvent('load'), page.click('[data-action="reload-update"]')]);
  await page.waitForFunction(() => window.hopscope && document.querySelector('textarea#headers'));
  const now = await consistent(page, v2.dir, 'version 2 after the reload');
  assert.equal(now.css, v2.css);
  assert.equal(now.marker, '"2"');
  assert.equal(await page.$('.update-bar:not([hidden])'), null, 'nothing more to offer');
  // The other tab is told, and keeps working on version 1 until it reloads.
  await other.waitForSelector('[data-update="elsewhere"]');
  await consistent(other, dist, 'the other tab, still version 1');
  const kept = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('hopscope-')));
  assert.equal(kept.length, 2, 'version 2, and version 1 for tabs still running it');

  // Offline, version 2 it is.
  await context.setOffline(true);
  server.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.hopscope && document.querySelector('textarea#headers'));
  assert.equal((await consistent(page, v2.dir, 'version 2 offline')).marker, '"2"');
  assert.deepEqual(log.errors, []);
  await context.close();
  await server.close();
});

test('a half-deployed version (new sw.js, old files) is never installed', async () => {
  const v3 = rebuild('v3', '3');
  // The deploy is in progress: sw.js and the new stylesheet are there, index.html is the old one.
  cpSync(join(dist, 'index.html'), join(v3.dir, 'index.html'));
  const server = await startServer();
  const { context, page, log } = await openPage(browser, server.url);
  server.setRoot(v3.dir);
  const installed = nextInstall(page);
  const other = await newTab(context);
  await other.goto(server.url);
  assert.equal(await installed, 'redundant', 'the install failed as a whole');
  await consistent(page, dist, 'version 1 stays');
  await consistent(other, dist, 'a tab opened during the deploy runs version 1');
  assert.equal(await page.$('[data-update]'), null, 'nothing is offered');
  const kept = await page.evaluate(async () => caches.keys());
  assert.equal(kept.filter((k) => k.startsWith('hopscope-')).length, 1, 'no partial version was kept');
  assert.deepEqual(log.errors, []);
  await context.close();
  await server.close();
});

test('a development build (HOPSCOPE_OFFLINE=off) removes a kept version and registers none', async () => {
  const dev = rebuild('dev', 'dev', { HOPSCOPE_OFFLINE: 'off' });
  assert.match(readFileSync(join(dev.dir, 'sw.js'), 'utf8'), /unregister/);
  assert.ok(!readFileSync(join(dev.dir, 'index.html'), 'utf8').includes('offline.js'));
  const server = await startServer();
  const { context, page } = await openPage(browser, server.url);
  server.setRoot(dev.dir);
  // The browser's update check installs the removing worker, which reloads the page.
  await page.reload();
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--hopscope-e2e-version').trim() === '"dev"', null, { timeout: 20000 });
  await page.waitForFunction(() => window.hopscope);
  const state = await page.evaluate(async () => ({
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    caches: (await caches.keys()).filter((k) => k.startsWith('hopscope-')).length,
    controlled: navigator.serviceWorker.controller !== null,
  }));
  assert.deepEqual(state, { registrations: 0, caches: 0, controlled: false });
  await context.close();
  await server.close();
});
