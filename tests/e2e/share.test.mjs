// End-to-end: share links, the shared-report view, damaged links and the exports (JSON, SVG,
// Markdown, print). Run by `make test` after `trunk build`, like app.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { browserSuite, root, artifacts, paste, settle, hopAttributes, cspViolations, cliJson, cliReport } from './harness.mjs';

// Privacy: every request went to the page's own origin and came before the app had loaded;
// downloads are blob: URLs made in the tab, never a request to anywhere.
const suite = browserSuite({ blobsAfterLoad: true });
const { open } = suite;
/** Opens `url` in a fresh browser context (nothing shared with the sender's page). */
const openLink = suite.openLink;

const mixed = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8');

/** Opens the share panel and returns the link it shows. */
async function openSharePanel(page) {
  await page.click('[data-action="share"]');
  await page.waitForSelector('#share-panel input[data-share-url]');
  return page.inputValue('input[data-share-url]');
}

/** Sets one redaction box and waits for the link to change; returns the new link. */
async function redact(page, name, on) {
  const before = await page.inputValue('input[data-share-url]');
  await page.setChecked(`[data-redact="${name}"]`, on);
  await page.waitForFunction((prev) => document.querySelector('input[data-share-url]').value !== prev, before);
  return page.inputValue('input[data-share-url]');
}

/** The payload's bytes before compression (the core writes a zlib stream: RFC 1950). */
function payloadBytes(link) {
  const data = link.split('#')[1].replace(/^r\d+\./, '');
  return inflateSync(Buffer.from(data, 'base64url'));
}

/** Waits for the shared view and returns what it shows. */
async function sharedView(page) {
  await page.waitForSelector('#shared-banner');
  return {
    hops: await hopAttributes(page),
    overall: await page.getAttribute('#summary', 'data-overall'),
    banner: await page.textContent('#shared-banner'),
  };
}

async function noTrouble(page, log, name) {
  assert.deepEqual(log.dialogs, [], `${name}: no dialog`);
  assert.deepEqual(log.errors, [], `${name}: no page error`);
  assert.deepEqual(await cspViolations(page), [], `${name}: no CSP violation`);
}

test('a share link opens in a fresh browser with the same report', async () => {
  const { page, log } = await open('share-sender');
  await paste(page, mixed);
  const hops = await hopAttributes(page);
  const overall = await page.getAttribute('#summary', 'data-overall');
  assert.equal(hops.length, 6);

  assert.equal(await page.getAttribute('[data-action="share"]', 'aria-expanded'), 'false');
  const link = await openSharePanel(page);
  assert.equal(await page.getAttribute('[data-action="share"]', 'aria-expanded'), 'true');
  assert.ok(link.startsWith(`${suite.server.url}#r2.`), link);
  // Email addresses are hidden by default, nothing else.
  const boxes = await page.$$eval('[data-redact]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-redact'), e.checked])));
  assert.deepEqual(boxes, { emails: true, ips: false, hostnames: false, message_ids: false, subject: false });
  assert.equal(await page.textContent('[data-share-hides]'), 'Hidden: email addresses. Stand-ins replace them; verdicts do not change.');
  const length = await page.textContent('[data-share-length]');
  assert.equal(length, `${link.length.toLocaleString('en-US')} characters`);
  assert.equal(await page.$$eval('[data-preview-hop]', (els) => els.length), 6, 'the preview lists every hop');
  const preview = await page.textContent('[data-share-preview]');
  assert.ok(preview.includes('mx.example.net [203.0.113.5]'), 'hosts as they will appear');
  assert.ok(!preview.includes('erik@'), 'the preview shows the redacted report');
  await page.screenshot({ path: join(artifacts, 'share-panel.png'), fullPage: true });

  const { page: shared, log: sharedLog } = await openLink('share-recipient', link);
  const view = await sharedView(shared);
  assert.deepEqual(view.hops, hops, 'every hop keeps its verdict and scope');
  assert.equal(view.overall, overall);
  assert.ok(view.banner.includes('Shared report — decoded in your browser from the link; nothing was uploaded. This is what the sender\'s Hopscope showed; the original headers are not included.'));
  assert.equal(await shared.$('textarea#headers'), null, 'no input in the shared view');
  assert.equal(await shared.evaluate(() => location.hash), `#${link.split('#')[1]}`, 'the link stays in the address bar');
  // No raw header: the evidence texts stand on their own.
  await shared.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  assert.equal(await shared.$$eval('.raw-header', (e) => e.length), 0);
  assert.equal(await shared.$$eval('.raw-missing', (e) => e.length), 6);
  const evidence = await shared.$$eval('.evidence-list li', (els) => els.map((e) => e.textContent));
  assert.ok(evidence.some((e) => e.includes('using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384')), evidence.join('\n'));
  await shared.screenshot({ path: join(artifacts, 'shared-report.png'), fullPage: true });
  await noTrouble(shared, sharedLog, 'shared');

  // The way back: an empty input view, and no fragment.
  await shared.click('[data-action="own-headers"]');
  await shared.waitForSelector('textarea#headers');
  assert.equal(await shared.evaluate(() => location.hash), '');
  assert.equal(await shared.getAttribute('#summary', 'data-overall'), 'empty');
  assert.equal(await shared.$('#shared-banner'), null);
  await noTrouble(page, log, 'sender');
});

test('with every box ticked, the link holds no host name, address or mailbox of the input', async () => {
  const { page } = await open('share-redacted');
  await paste(page, mixed);
  const hops = await hopAttributes(page);
  const overall = await page.getAttribute('#summary', 'data-overall');
  await openSharePanel(page);
  await redact(page, 'ips', true);
  await redact(page, 'hostnames', true);
  const link = await redact(page, 'message_ids', true);

  // What the input names. Loopback (127.0.0.1, localhost) is kept on purpose: it identifies no one.
  const hostnames = [...new Set(mixed.match(/[a-z0-9-]+(\.[a-z0-9-]+)*\.example\.(com|net|org)/g))];
  const domains = ['example.com', 'example.net', 'example.org'];
  const ips = [...new Set(mixed.match(/\b\d{1,3}(\.\d{1,3}){3}\b/g))].filter((ip) => ip !== '127.0.0.1');
  const mailboxes = [...new Set(mixed.match(/[\w.+-]+@[\w.-]+\w/g))];
  const people = ['dana', 'erik'];
  assert.ok(hostnames.length >= 6 && ips.length === 3 && mailboxes.length >= 2, 'the input names what it should');
  const originals = [...hostnames, ...domains, ...ips, ...mailboxes, ...people];

  const payload = payloadBytes(link).toString('utf8').toLowerCase();
  const { page: shared, log } = await openLink('share-redacted-recipient', link);
  const view = await sharedView(shared);
  await shared.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  // The report area and the banner: the explainer below is the page's own text.
  const text = `${await shared.textContent('#shared-banner')} ${await shared.textContent('#report')}`.toLowerCase();
  for (const original of originals) {
    assert.ok(!payload.includes(original.toLowerCase()), `the link's data contains ${original}`);
    assert.ok(!text.includes(original.toLowerCase()), `the shared page shows ${original}`);
  }
  assert.deepEqual(view.hops, hops, 'verdicts and scopes are unchanged');
  assert.equal(view.overall, overall);
  assert.ok(text.includes('domain-1.example'), 'pseudonyms keep the shape of a route');
  await noTrouble(shared, log, 'redacted');
});

test('damaged links say what is wrong, run nothing, and lead back', async () => {
  const { page } = await open('share-source');
  await paste(page, mixed);
  const link = await openSharePanel(page);
  const payload = link.split('#')[1];
  const middle = Math.floor(payload.length / 2);
  const altered = payload.slice(0, middle) + (payload[middle] === 'A' ? 'B' : 'A') + payload.slice(middle + 1);
  const bomb = deflateSync(Buffer.alloc(10_000_000), { level: 9 }).toString('base64url');
  assert.ok(bomb.length < 64 * 1024, 'the bomb gets past the length check and must be stopped while inflating');
  const damaged = {
    truncated: payload.slice(0, payload.length - 25),
    altered,
    'wrong version': 'r9.xxx',
    oversized: `r1.${'A'.repeat(100_000)}`,
    'not base64': 'r1.!!!',
    markup: 'r1.<script>alert(1)</script>',
    'decompression bomb': `r1.${bomb}`,
  };
  for (const [kind, fragment] of Object.entries(damaged)) {
    const { page: opened, log } = await openLink(`damaged-${kind}`, `${suite.server.url}#${fragment}`);
    const scripts = await opened.$$eval('script', (s) => s.length);
    await opened.waitForSelector('[data-share-error]');
    const message = (await opened.textContent('[data-share-error]')).trim();
    console.log(`${kind}: ${message}`);
    assert.match(message, /^This link .{10,}/, `${kind}: a clear message`);
    assert.equal(await opened.$$eval('[data-hop]', (e) => e.length), 0, `${kind}: no report`);
    assert.equal(await opened.$$eval('script', (s) => s.length), scripts, `${kind}: no script added`);
    assert.equal(await opened.$$eval('main img, main b', (e) => e.length), 0, `${kind}: no markup from the link`);
    await noTrouble(opened, log, kind);
    await opened.click('[data-action="own-headers"]');
    await opened.waitForSelector('textarea#headers');
    assert.equal(await opened.evaluate(() => location.hash), '', `${kind}: the fragment is gone`);
    assert.equal(await opened.$('[data-share-error]'), null);
  }
  const { page: newer } = await openLink('damaged-newer', `${suite.server.url}#r9.xxx`);
  assert.match(await newer.textContent('[data-share-error]'), /newer version of Hopscope/);
});

test('a link opened over typed text keeps the text; example links still work', async () => {
  const { page, log } = await open('share-over-typed');
  await paste(page, mixed);
  const link = await openSharePanel(page);
  const hops = await hopAttributes(page);

  const { page: other } = await open('share-typed');
  await other.focus('textarea#headers');
  await other.keyboard.type('my own half-typed headers');
  await settle(other);
  await other.evaluate((hash) => { location.hash = hash; }, `#${link.split('#')[1]}`);
  const view = await sharedView(other);
  assert.deepEqual(view.hops, hops);
  await other.click('[data-action="own-headers"]');
  await other.waitForSelector('textarea#headers');
  assert.equal(await other.inputValue('textarea#headers'), 'my own half-typed headers', 'typed text survives');
  assert.equal(await other.evaluate(() => document.activeElement?.id), 'headers', 'focus goes to the text box');

  // A damaged link over typed text, then Back: the text is still there.
  await other.evaluate(() => { location.hash = '#r1.!!!'; });
  await other.waitForSelector('[data-share-error]');
  await other.goBack();
  await other.waitForSelector('textarea#headers');
  assert.equal(await other.inputValue('textarea#headers'), 'my own half-typed headers');

  // #example=<id> keeps working: at load, and from the shared view.
  const { page: example } = await openLink('example-fragment', `${suite.server.url}#example=gmail`);
  await example.waitForSelector('textarea#headers');
  await settle(example);
  assert.equal(await example.getAttribute('[data-example="gmail"]', 'aria-pressed'), 'true');
  assert.ok((await example.inputValue('textarea#headers')).includes('Received:'));
  await example.evaluate((hash) => { location.hash = hash; }, `#${link.split('#')[1]}`);
  await sharedView(example);
  await example.evaluate(() => { location.hash = '#example=local-only'; });
  await example.waitForSelector('textarea#headers');
  await settle(example);
  assert.equal(await example.getAttribute('[data-example="local-only"]', 'aria-pressed'), 'true');
  assert.equal(await example.evaluate(() => location.hash), '#example=local-only');
  await noTrouble(page, log, 'typed');
});

test('the share panel works from the keyboard', async () => {
  const { page } = await open('share-keyboard');
  await paste(page, mixed);
  await page.focus('[data-action="share"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('input[data-share-url]');
  const before = await page.inputValue('input[data-share-url]');
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-redact') === 'ips');
  }
  assert.ok(reached, 'the IP box is reachable with Tab');
  await page.keyboard.press('Space');
  await page.waitForFunction((prev) => document.querySelector('input[data-share-url]').value !== prev, before);
  assert.equal(await page.isChecked('[data-redact="ips"]'), true);
  await page.focus('[data-action="close-share"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#share-panel', { state: 'detached' });
  assert.equal(await page.getAttribute('[data-action="share"]', 'aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'share', 'focus returns to Share');
});

test('long links get a note and a file instead; huge ones no link at all', async () => {
  const { page } = await open('share-long');
  // Distinct hosts, addresses and ids, so the report does not compress to nothing.
  const hex = (i) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0');
  const chain = (n) => Array.from({ length: n }, (_, k) => {
    const i = n - k;
    return `Received: from h${hex(i)}.example.org (h${hex(i)}.example.org [198.51.100.${i % 250}])\n` +
      `\tby h${hex(i + 1)}.example.org with ESMTPS id ${hex(i * 7)}${hex(i * 13)}\n` +
      `\tfor <user${hex(i)}@example.com>; Sun, 22 Nov 2026 09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000\n`;
  }).join('');

  await paste(page, chain(300));
  const link = await openSharePanel(page);
  assert.ok(link.length > 8000, `a long link (${link.length})`);
  assert.ok(await page.isVisible('[data-share-long]'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-shared-json"]')]);
  assert.ok(download.url().startsWith('blob:'), 'made in the tab');
  const shared = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(shared.hops.length, 300);
  assert.ok(shared.hops.every((h) => h.raw === ''), 'what the link holds: no raw headers');
  assert.ok(!JSON.stringify(shared).includes(`user${hex(1)}@`), 'and redacted as chosen');

  await paste(page, chain(3000));
  await page.waitForSelector('[data-share-too-large]');
  assert.equal(await page.$('input[data-share-url]'), null, 'no link that no Hopscope would open');
  assert.match(await page.textContent('[data-share-too-large]'), /too large for a link/);
});

test('exports: JSON equals the CLI, SVG draws each hop, Markdown copies, print prints', async () => {
  const { page, context, log } = await open('exports');
  await context.grantPermissions(['clipboard-write'], { origin: suite.server.origin });
  await paste(page, mixed);
  const cli = cliReport(mixed);

  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-json"]')]);
  assert.ok(json.url().startsWith('blob:'), 'no network: a blob URL');
  assert.equal(json.suggestedFilename(), 'hopscope-report.json');
  const jsonText = readFileSync(await json.path(), 'utf8');
  assert.deepEqual(JSON.parse(jsonText), cli);
  assert.equal(jsonText, cliJson(mixed), 'byte for byte the CLI\'s pretty JSON');

  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-svg"]')]);
  assert.ok(svg.url().startsWith('blob:'));
  assert.equal(svg.suggestedFilename(), 'hopscope-route.svg');
  const svgText = readFileSync(await svg.path(), 'utf8');
  const drawn = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      hops: [...doc.querySelectorAll('g[data-hop]')].map((g) => ({
        hop: Number(g.getAttribute('data-hop')), verdict: g.getAttribute('data-verdict'), scope: g.getAttribute('data-scope'),
      })),
      scripts: doc.querySelectorAll('script, foreignObject').length,
    };
  }, svgText);
  assert.equal(drawn.error, null, 'well-formed SVG');
  assert.equal(drawn.root, 'svg');
  assert.equal(drawn.scripts, 0);
  assert.deepEqual(drawn.hops, cli.hops.map((h) => ({ hop: h.index, verdict: h.verdict, scope: h.scope })));
  for (const hop of cli.hops) {
    assert.ok(svgText.includes(`Hop ${hop.index} · `), `hop ${hop.index} is labelled`);
    if (hop.by) assert.ok(svgText.includes(hop.by), `hop ${hop.index}: ${hop.by}`);
  }

  await page.click('#copy-report');
  await page.waitForFunction(() => document.querySelector('#report-actions .copy-status')?.textContent.trim() !== '');
  assert.equal((await page.textContent('#report-actions .copy-status')).trim(), 'Copied.');
  // The page's Permissions-Policy forbids reading the clipboard (clipboard-read=()), so the
  // copied text itself cannot be read back here; the core's Markdown is tested natively.

  await openSharePanel(page);
  await page.click('[data-action="copy-link"]');
  await page.waitForFunction(() => document.querySelector('#share-length .copy-status')?.textContent.trim() !== '');
  assert.equal((await page.textContent('#share-length .copy-status')).trim(), 'Link copied.');

  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.click('[data-action="print"]');
  assert.equal(await page.evaluate(() => window.__printed), 1, 'print() was called');

  // The print stylesheet: the report only, without the input, the share panel or the buttons.
  await page.emulateMedia({ media: 'print' });
  const display = (selector) => page.$eval(selector, (e) => getComputedStyle(e).display);
  for (const hidden of ['#input', '#share-panel', '#report-actions', '#explainer']) {
    assert.equal(await display(hidden), 'none', `${hidden} is not printed`);
  }
  for (const shown of ['#summary', '#route', '#warnings']) {
    assert.notEqual(await display(shown), 'none', `${shown} is printed`);
  }
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  await page.screenshot({ path: join(artifacts, 'report-print.png'), fullPage: true });
  await page.pdf({ path: join(artifacts, 'report.pdf'), format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  await noTrouble(page, log, 'exports');
});

test('exports of a shared report work the same way', async () => {
  const { page } = await open('shared-exports-source');
  await paste(page, mixed);
  const link = await openSharePanel(page);
  const { page: shared, log } = await openLink('shared-exports', link);
  await sharedView(shared);
  assert.equal(await shared.$('[data-action="share"]'), null, 'a shared report is passed on by its link');
  const [json] = await Promise.all([shared.waitForEvent('download'), shared.click('[data-action="download-json"]')]);
  const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(report.hops.map((h) => h.verdict), cliReport(mixed).hops.map((h) => h.verdict));
  const [svg] = await Promise.all([shared.waitForEvent('download'), shared.click('[data-action="download-svg"]')]);
  assert.equal(readFileSync(await svg.path(), 'utf8').match(/<g data-hop=/g).length, 6);
  await shared.emulateMedia({ media: 'print' });
  assert.equal(await shared.$eval('#shared-banner', (e) => getComputedStyle(e).display), 'block', 'the banner says what was printed');
  assert.equal(await shared.$eval('[data-action="own-headers"]', (e) => getComputedStyle(e).display), 'none');
  await noTrouble(shared, log, 'shared exports');
});

// A home connection whose provider spells the customer's address into the host name.
const homeLaptop = `Received: from mx.example.net (mx.example.net [203.0.113.5])
\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
\tby mx2.example.com (Postfix) with ESMTPS id 4ZcD1x0Lm3z9sQ
\tfor <erik@example.com>; Sun, 22 Nov 2026 09:14:10 +0000 (UTC)
Received: from c-73-22-11-4.hsd1.ca.example.net (c-73-22-11-4.hsd1.ca.example.net [73.22.11.4])
\tby mx.example.net (Postfix) with ESMTPSA id 7F2A11C0042
\tfor <erik@example.com>; Sun, 22 Nov 2026 09:14:07 +0000 (UTC)
From: Dana <dana@example.org>
To: Erik <erik@example.com>
Subject: From home
`;

test('hiding IP addresses also hides the ones spelt inside host names, and the recipient is told', async () => {
  const { page } = await open('share-embedded-ip');
  await paste(page, homeLaptop);
  await openSharePanel(page);
  const link = await redact(page, 'ips', true);
  assert.equal(await page.textContent('[data-share-hides]'), 'Hidden: email addresses and IP addresses. Stand-ins replace them; verdicts do not change.');
  const preview = await page.textContent('[data-share-preview]');
  const payload = payloadBytes(link).toString('utf8');
  for (const original of ['73.22.11.4', '73-22-11-4']) {
    assert.ok(!payload.includes(original), `the link's data contains ${original}`);
    assert.ok(!preview.includes(original), `the preview shows ${original}`);
  }

  const { page: shared, log } = await openLink('share-embedded-ip-recipient', link);
  await sharedView(shared);
  await shared.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  const text = `${await shared.textContent('#shared-banner')} ${await shared.textContent('#report')}`;
  for (const original of ['73.22.11.4', '73-22-11-4']) {
    assert.ok(!text.includes(original), `the shared page shows ${original}`);
  }
  assert.ok(text.includes('ip-hidden-1'), 'a stand-in says what it stands for');
  const note = await shared.textContent('[data-redaction]');
  assert.equal(await shared.getAttribute('[data-redaction]', 'data-redaction'), 'some');
  assert.match(note, /^The sender hid email addresses and IP addresses: each was replaced by a stand-in\./);
  assert.match(note, /made up, not real/);
  assert.match(note, /192\.0\.2\.x/);
  await noTrouble(shared, log, 'embedded-ip');
});

test('a link made before links recorded redaction says so', async () => {
  // The core's frozen r1 test vector (crates/core/src/share/tests.rs): r1 is frozen, so is this.
  const r1 = 'r1.eNqtUs1u00AQ9hhUhBBUQhU9cGBUDrSiNvG2KWkJgQoFimiqCkeoKkLRxruurca7ZnfT1Jx4B16EB-DGG_AgPAPj9EdIqAfUzsXW7nw73_fNB-ADzGfauiAKhS54ruhHHvOiHEkPbkbrLGyELIxOm9hZEztrghu7dJHmxx5cj3v9XZhd3auifcf4MPmybj98hrn22EoTRC9PEaGSrgNzrMHWgigKGOs3mhussbHa2Idfv799v-2BNy-PnTSKj4JyPBzlScCFMNLaIDW6wAv44uLHc76flvDnD48KZk2arLRWW8GhrCbaiFuT3GXYrbnGsNDPJAruJC5YrdUCJno8Eqi0w6FEI7kI_SvzZ-Z06KUc8sH3_CuyB2Cmvx1H4Qrco-9gsxsPWHNt8OZVbxBvbZJpF55_9eHOHms2o_Xe9rtu7-laC6g8WKZ-pAdxajIBAwIGBNzAQguijFwJtM5odRBeejXe-65KTFU6KVArlEfSVKS-pAY3kVIhuUpnFhcj1ClGS88wIh5GTpus49UJUCuJBU-yXElaN8nwpjb_n5i6ZseK5uVpLsWARlh4u0WDIpxwixOTO0echjKtGThSV9DK-MFUTJIRlfrMyCQvc6ncI4t6ci6hfv_CiF2zZXq95NYC2sKVIV2P6iQ8n8aKncdKmwMf7m-PVZLVsl-bXPDqBbaHnUra9pNhB-7-i_DgQTxWy8gY7ugjrEOJJ3FcaeHjBhXMt3NB6TVS8IR2ccarA_6OhofxYV6WpI7hiAy2fxuQ0RZrcX8AXjxcRA';
  const { page, log } = await openLink('share-r1', `${suite.server.url}#${r1}`);
  await sharedView(page);
  assert.equal(await page.getAttribute('[data-redaction]', 'data-redaction'), 'unrecorded');
  assert.match(await page.textContent('[data-redaction]'), /does not record what the sender hid/);
  await noTrouble(page, log, 'r1');
});

test('exports: the buttons say they are not redacted; the share panel\'s files are', async () => {
  const { page, context, log } = await open('share-exports-rule');
  await context.grantPermissions(['clipboard-write'], { origin: suite.server.origin });
  await paste(page, homeLaptop);
  assert.match(await page.textContent('[data-export-note]'), /full report: nothing is hidden/);

  // The full report, as the CLI gives it.
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-json"]')]);
  assert.ok(readFileSync(await json.path(), 'utf8').includes('73.22.11.4'));

  // The share panel's copies follow its choices, and carry no raw header.
  await openSharePanel(page);
  await redact(page, 'ips', true);
  await page.evaluate(() => { navigator.clipboard.writeText = async (text) => { window.__copied = text; }; });
  await page.click('[data-action="copy-shared-markdown"]');
  await page.waitForFunction(() => typeof window.__copied === 'string');
  const markdown = await page.evaluate(() => window.__copied);
  assert.equal((await page.textContent('#share-length .copy-status')).trim(), 'Markdown copied.');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-shared-svg"]')]);
  const svgText = readFileSync(await svg.path(), 'utf8');
  const [sharedJson] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-shared-json"]')]);
  const shared = JSON.parse(readFileSync(await sharedJson.path(), 'utf8'));
  assert.ok(shared.hops.every((h) => h.raw === ''), 'no raw header in a shared copy');
  assert.deepEqual(shared.redaction, { emails: true, ips: true, hostnames: false, message_ids: false, subject: false });
  for (const [name, text] of [['Markdown', markdown], ['SVG', svgText], ['JSON', JSON.stringify(shared)]]) {
    for (const original of ['73.22.11.4', '73-22-11-4', 'erik@', 'dana@']) {
      assert.ok(!text.includes(original), `${name} contains ${original}`);
    }
    assert.ok(text.includes('mx.example.net'), `${name}: host names were not chosen, and stay`);
  }
  await noTrouble(page, log, 'exports rule');
});
