// End-to-end: the built page in a real Chromium. Run by `make test` after `trunk build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuite, MIXED_HOPS, root, artifacts, paste, settle, hopAttributes, cspViolations, cliReport } from './harness.mjs';

// Privacy: every request any page made went to the page's own origin, and none came after the
// app had loaded (analysis never touches the network). The server saw only the page's own
// files, and after load only the browser's update check of the service worker (/sw.js) and the
// engine's files.
const { open } = browserSuite();

const examples = readdirSync(join(root, 'src', 'examples')).filter((f) => f.endsWith('.txt'));

test('the page loads, the wasm runs, and nothing is reported wrong', async () => {
  const { page, log } = await open('load');
  console.log(`navigation → app ready: ${log.readyMs} ms`);
  assert.equal(await page.title(), 'Hopscope — was this email encrypted on every hop?');
  assert.ok(await page.isVisible('textarea#headers'));
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
});

test('each built-in example gives the report the CLI gives', async () => {
  const { page, log } = await open('examples');
  const buttons = await page.$$eval('[data-example]', (els) => els.map((e) => e.getAttribute('data-example')));
  assert.ok(buttons.length >= 5, `expected at least five examples, found ${buttons.length}`);
  for (const id of buttons) {
    await page.click(`[data-example="${id}"]`);
    await settle(page);
    const text = await page.inputValue('textarea#headers');
    assert.ok(text.includes('Received:'), `${id}: the example filled the paste area`);
    const cli = cliReport(text);
    const shown = await hopAttributes(page);
    assert.equal(shown.length, cli.hops.length, `${id}: one element per hop`);
    for (const [i, hop] of cli.hops.entries()) {
      assert.deepEqual(shown[i], { hop: hop.index, verdict: hop.verdict, scope: hop.scope }, `${id}: hop ${hop.index}`);
    }
    const overall = await page.getAttribute('#summary', 'data-overall');
    assert.ok(overall, `${id}: the summary states an overall result`);
    const headline = await page.textContent('#summary');
    assert.ok(headline.includes(cli.summary.headline.slice(0, 20)), `${id}: headline shown`);
  }
  assert.deepEqual(log.errors, []);
});

test('a mixed chain: every hop has the verdict and scope its header proves', async () => {
  const { page } = await open('mixed');
  const text = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8');
  const ms = await paste(page, text);
  console.log(`paste → report (6 hops): ${ms} ms`);
  assert.deepEqual(await hopAttributes(page), MIXED_HOPS);
  assert.equal(await page.getAttribute('#summary', 'data-overall'), 'exposed');
  const summary = await page.textContent('#summary');
  assert.match(summary, /hop 3/);
  // The evidence for the TLS hop is shown, with the deciding text highlighted.
  const marks = await page.$$eval('mark', (els) => els.map((e) => e.textContent));
  assert.ok(marks.some((m) => m.includes('using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384')), 'TLS evidence highlighted');
});

test('the JS API returns the same report as the CLI', async () => {
  const { page } = await open('api');
  for (const file of [...examples.map((f) => join(root, 'src', 'examples', f)), join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt')]) {
    const text = readFileSync(file, 'utf8');
    const fromJs = await page.evaluate((t) => window.hopscope.analyze(t), text);
    assert.deepEqual(fromJs, cliReport(text), file);
  }
});

test('dropping a file and picking a file both load it', async () => {
  const { page } = await open('files');
  const text = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8');
  await page.setInputFiles('#file-input', { name: 'message.eml', mimeType: 'message/rfc822', buffer: Buffer.from(text) });
  await page.waitForFunction(() => document.querySelectorAll('[data-hop][data-verdict]').length > 0);
  await settle(page);
  assert.equal((await hopAttributes(page)).length, 6);
  await page.click('#clear');
  await settle(page);
  assert.equal(await page.inputValue('textarea#headers'), '');
  // Drop: a DataTransfer built in the page, dispatched on the paste area.
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.eml', { type: 'message/rfc822' }));
    const area = document.querySelector('textarea#headers');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      area.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, text);
  await page.waitForFunction(() => document.querySelector('textarea#headers').value.includes('Mixed route'));
  await settle(page);
  assert.equal((await hopAttributes(page)).length, 6);
});

test('keyboard only: reach the paste area and an example, read the report', async () => {
  const { page } = await open('keyboard');
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.hasAttribute('data-example'));
  }
  assert.ok(reached, 'an example button is reachable with Tab');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.ok((await hopAttributes(page)).length > 0, 'Enter on an example shows a report');
  // Focus is visible: the focused element has an outline or box-shadow.
  const visible = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  });
  assert.ok(visible, 'the focused control shows a focus indicator');
  await page.focus('textarea#headers');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTPS id 1; Sun, 22 Nov 2026 09:14:07 +0000\n');
  await settle(page);
  assert.deepEqual(await hopAttributes(page), [{ hop: 1, verdict: 'encrypted', scope: 'external' }]);
});

test('hostile headers render as text: no markup, no script, no dialog', async () => {
  const { page, log } = await open('hostile');
  const text = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'hostile.txt'), 'utf8');
  const scriptsBefore = await page.$$eval('script', (s) => s.length);
  await paste(page, text);
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  await page.waitForTimeout(300);
  assert.deepEqual(log.dialogs, []);
  assert.equal(await page.$$eval('script', (s) => s.length), scriptsBefore, 'no script element was added');
  assert.equal(await page.$$eval('main img, main svg[onload], main b', (e) => e.length), 0, 'no element came from header text');
  const body = await page.textContent('body');
  assert.ok(body.includes('<img src=x onerror=alert(1)>'), 'the markup is shown as text');
  assert.ok(body.includes('U+202E'), 'the bidi override is shown visibly');
  assert.equal(await page.inputValue('textarea#headers'), text.replace(/\r\n/g, '\n'), 'what the user typed is kept');
  assert.deepEqual(await cspViolations(page), []);
});

test('not email: a clear message, and the text stays', async () => {
  const { page } = await open('not-email');
  await paste(page, 'Hello, this is a shopping list: eggs, milk.');
  const summary = await page.textContent('#summary');
  assert.match(summary, /does not look like email headers/i);
  assert.equal(await page.inputValue('textarea#headers'), 'Hello, this is a shopping list: eggs, milk.');
});

test('a 5 MB paste gives a report and the page stays responsive', async () => {
  const { page } = await open('large');
  const block = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8').split('\nFrom:')[0];
  const received = block.split('\n').filter((l) => !l.startsWith('Return-Path') && !l.startsWith('Delivered-To')).join('\n') + '\n';
  const big = 'Return-Path: <dana@example.org>\n' + received.repeat(Math.ceil((5 * 1024 * 1024) / received.length));
  const ms = await paste(page, big);
  const hops = await page.evaluate(() => document.querySelectorAll('[data-hop][data-verdict]').length);
  console.log(`paste → report for ${(big.length / 1048576).toFixed(1)} MB (${hops} hop elements rendered): ${ms} ms`);
  assert.ok(hops > 0);
  // Still responsive: a trivial task runs promptly.
  const t = Date.now();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  console.log(`event loop turn after the large report: ${Date.now() - t} ms`);
});

test('screenshots at 1280 and 390 px, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      const { page } = await open(`shot-${colorScheme}-${width}`, { colorScheme, width, height: 900 });
      await paste(page, readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8'));
      const file = join(artifacts, `report-${width}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshot: ${file}`);
      assert.deepEqual(await cspViolations(page), []);
    }
  }
});
