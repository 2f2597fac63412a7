// End-to-end: Outlook .msg files in the page (issue 12), read by the engine. Real Outlook samples
// (crates/msg/tests/data, Apache-2.0) and files built for these tests by the engine's
// msg_fixtures example (see harness.mjs, msgFixtures). Run by `make test` after `trunk build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuite, root, paste, settle, hopAttributes, cspViolations, cliFileReport, msgFixtures } from './harness.mjs';

let shared;
let built;
const samples = join(root, 'crates', 'msg', 'tests', 'data');
const { open } = browserSuite({
  ready: async ({ open }) => {
    built = msgFixtures();
    shared = await open('msg');
  },
});

const expectedHops = (path) => cliFileReport(path).hops.map((h) => ({ hop: h.index, verdict: h.verdict, scope: h.scope }));

/** Opens a file with the file picker; waits for the page to have read it. */
async function pick(page, path, name) {
  const file = name ? { name, mimeType: 'application/vnd.ms-outlook', buffer: readFileSync(path) } : path;
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(() => !document.querySelector('#input-status')?.textContent.startsWith('Opening'));
  await settle(page);
}

/** Still answering: a task queued now runs promptly. */
async function responsive(page) {
  const t = Date.now();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  return Date.now() - t;
}

test('an Outlook .msg opens like a paste: its route, as the CLI reads it', async () => {
  const { page, log } = shared;
  for (const path of [join(samples, 'vote-yes.msg'), join(built, 'received.msg'), join(built, 'eight-bit.msg')]) {
    await page.click('#clear');
    await pick(page, path);
    const hops = await hopAttributes(page);
    assert.ok(hops.length > 0, `${path}: a report`);
    assert.deepEqual(hops, expectedHops(path), path);
    assert.match(await page.inputValue('textarea#headers'), /^Received: /m, `${path}: its headers are in the box`);
    assert.equal(await page.$('[data-msg-messages]'), null, `${path}: one message, nothing to choose`);
  }
  assert.match(await page.textContent('#summary'), /Résumé des chiffres/, '8-bit headers decoded with the message\'s code page');

  // Dropped on the box, a .msg opens the same way.
  await page.click('#clear');
  const bytes = [...readFileSync(join(built, 'received.msg'))];
  await page.evaluate((bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'dropped.msg', { type: 'application/vnd.ms-outlook' }));
    const area = document.querySelector('textarea#headers');
    for (const type of ['dragenter', 'dragover', 'drop']) area.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
  }, bytes);
  await page.waitForFunction(() => document.querySelectorAll('[data-hop][data-verdict]').length > 0);
  await settle(page);
  assert.deepEqual(await hopAttributes(page), expectedHops(join(built, 'received.msg')));
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
});

test('a .msg without a route says why, and the text typed before stays', async () => {
  const { page } = shared;
  const typed = 'Received: from a.example.org by b.example.net with ESMTPS; Sun, 22 Nov 2026 05:20:40 +0000\n';
  await page.click('#clear');
  await paste(page, typed);
  for (const [path, why] of [[join(samples, 'sent.msg'), /Sent Items/], [join(built, 'draft.msg'), /unsent draft/]]) {
    await pick(page, path);
    const status = await page.textContent('#input-status');
    assert.match(status, why, path);
    assert.match(status, /no route to check/, path);
    assert.doesNotMatch(status, /does not look like email/i, path);
    assert.equal(await page.inputValue('textarea#headers'), typed, `${path}: the typed text is kept`);
    assert.equal(await page.getAttribute('#summary', 'data-overall'), 'all_encrypted', `${path}: the report of the typed text stays`);
  }
});

test('a message forwarded from Outlook: the attached message is shown, and every message is offered', async () => {
  const { page } = shared;
  for (const path of [join(built, 'forwarded.msg'), join(samples, 'msg-in-msg.msg')]) {
    await page.click('#clear');
    await pick(page, path);
    const status = await page.textContent('#input-status');
    assert.match(status, /unsent draft/, `${path}: why the file's own message has no route`);
    assert.match(status, /These are the headers of the message attached to it/, path);
    assert.ok((await hopAttributes(page)).length > 0, `${path}: the attached message's report`);
    assert.ok(await page.isVisible('[data-msg-messages]'), `${path}: the messages are offered`);
    assert.notEqual(await page.getAttribute('[data-msg-message="0"]', 'disabled'), null, `${path}: the file's own message has nothing to show`);
    assert.equal(await page.getAttribute('[data-msg-message="1"]', 'aria-current'), 'true');
  }
  // forwarded.msg: draft → “Quarterly figures.msg” (received) → original.eml (attached to it).
  await page.click('#clear');
  const forwarded = join(built, 'forwarded.msg');
  await pick(page, forwarded);
  assert.equal(await page.$$eval('[data-msg-message]', (b) => b.length), 3);
  assert.match(await page.textContent('[data-msg-message="2"]'), /original\.eml/);
  await page.click('[data-msg-message="2"]');
  await settle(page);
  assert.match(await page.inputValue('textarea#headers'), /Received: from a\.example\.org by b\.example\.net/);
  assert.equal((await hopAttributes(page)).length, 1, 'the attached .eml\'s route');
  assert.equal(await page.getAttribute('[data-msg-message="2"]', 'aria-current'), 'true');
  await page.click('[data-msg-message="1"]');
  await settle(page);
  assert.equal((await hopAttributes(page)).length, 2, 'back to the attached message');
  // Restore brings back what was typed before the file, not another message of it.
  await page.click('#clear');
  await page.click('#restore');
  assert.match(await page.inputValue('textarea#headers'), /Received: from mx\.example\.net/);
});

test('bad .msg files: each gets a clear message, the page stays responsive, typed text stays', async () => {
  const { page, log } = shared;
  const typed = 'Received: from c.example.org by d.example.net with ESMTP; Sun, 22 Nov 2026 05:20:40 +0000\n';
  const dir = built;
  const vote = readFileSync(join(samples, 'vote-yes.msg'));
  writeFileSync(join(dir, 'truncated.msg'), vote.subarray(0, Math.floor(vote.length / 3)));
  writeFileSync(join(dir, 'archive.msg'), Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(200, 1)]));
  writeFileSync(join(dir, 'empty.msg'), Buffer.alloc(0));
  // 101 MiB: an OLE header, then nothing (a sparse file): over the 100 MB the reader takes.
  const huge = join(dir, 'huge.msg');
  writeFileSync(huge, vote.subarray(0, 512));
  const fd = openSync(huge, 'r+');
  ftruncateSync(fd, 101 * 1024 * 1024);
  closeSync(fd);
  const cases = [
    ['truncated.msg', /damaged or incomplete/],
    ['report.doc', /Word document/],
    ['archive.msg', /ZIP archive/],
    ['empty.msg', /empty \(0 bytes\)/],
    ['empty-headers.msg', /transport-headers property, but it is empty/],
    ['binary-headers.msg', /holds binary data, not text/],
    ['huge.msg', /This file is 101 MB; Hopscope reads \.msg files of up to 100 MB/],
  ];
  await page.click('#clear');
  await paste(page, typed);
  for (const [name, message] of cases) {
    const t = Date.now();
    await pick(page, join(dir, name));
    const took = Date.now() - t;
    const status = (await page.textContent('#input-status')).trim();
    console.log(`${name} (${took} ms): ${status.slice(0, 110)}…`);
    assert.match(status, message, name);
    assert.ok(status.startsWith(`${name}: `), `${name}: the message names the file`);
    assert.doesNotMatch(status, /does not look like email/i, name);
    assert.ok(await page.isVisible('#input-status .notice-error'), `${name}: shown as a problem`);
    assert.equal(await page.inputValue('textarea#headers'), typed, `${name}: the typed text is kept`);
    assert.ok(await responsive(page) < 1000, `${name}: the page answers`);
  }
  assert.deepEqual(log.errors, []);
});

test('a 60 MB .msg opens without reading its attachment', async () => {
  const { page } = shared;
  await page.click('#clear');
  const path = join(built, 'large.msg');
  const t = Date.now();
  await pick(page, path);
  console.log(`large.msg (60 MB, one attachment): report in ${Date.now() - t} ms`);
  assert.deepEqual(await hopAttributes(page), expectedHops(path));
  assert.ok(await responsive(page) < 1000);
});
