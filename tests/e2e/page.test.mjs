// End-to-end: the page after a paste, the keyboard paths, the table view, the words on the
// page, touch screens, print, and the neutral states (issue 15). Run by `make test` after
// `trunk build`, like app.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuite, root, artifacts, paste, settle, hopAttributes, cspViolations, cliReport } from './harness.mjs';

const suite = browserSuite();
const { open } = suite;

const input = (name) => readFileSync(join(root, 'tests', 'e2e', 'inputs', name), 'utf8');
const mixed = input('mixed-chain.txt');
const handoff = input('gmail-handoff.txt');
const exampleTexts = readdirSync(join(root, 'src', 'examples')).filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(root, 'src', 'examples', f), 'utf8'));

/** A whole message: the headers, then a body long enough to scroll the text box. */
const wholeMessage = `${mixed}\n${Array.from({ length: 200 }, (_, i) => `Body line ${i + 1} of the message.`).join('\n')}\n`;

/** Where the summary is and what has the focus. */
async function summaryState(page) {
  return page.evaluate(() => {
    const summary = document.querySelector('#summary');
    const status = summary.querySelector('.status, .summary-prompt') ?? summary;
    const box = summary.getBoundingClientRect();
    const line = status.getBoundingClientRect();
    return {
      focused: document.activeElement === summary,
      top: box.top,
      statusInView: line.top >= 0 && line.bottom <= window.innerHeight,
      overall: summary.getAttribute('data-overall'),
      textareaScroll: document.querySelector('textarea#headers')?.scrollTop ?? null,
    };
  });
}

function assertVerdictInView(state, what) {
  assert.ok(state.focused, `${what}: the summary has the focus`);
  assert.ok(state.top >= -1, `${what}: the summary starts in view (top ${state.top})`);
  assert.ok(state.statusInView, `${what}: the verdict line is in view`);
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 812 }]]) {
  test(`${label}: after a paste, an example or a file, the verdict is in view and focused`, async () => {
    const { page, log } = await open(`reveal-${label}`, viewport);

    // A paste of a whole message, as the browser leaves it: the caret, and the view of the
    // text box, at the end of the body.
    await page.focus('textarea#headers');
    await page.evaluate((text) => {
      const area = document.querySelector('textarea#headers');
      area.value = text;
      area.setSelectionRange(text.length, text.length);
      area.scrollTop = area.scrollHeight;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, wholeMessage);
    await settle(page);
    let state = await summaryState(page);
    assertVerdictInView(state, 'paste');
    assert.equal(state.overall, 'exposed');
    assert.equal(state.textareaScroll, 0, 'the text box shows the headers, not the body');
    assert.equal(await page.inputValue('textarea#headers'), wholeMessage, 'the pasted text is kept whole');
    await page.screenshot({ path: join(artifacts, `reveal-paste-${label}.png`) });

    // An example.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('[data-example="plaintext-hop"]');
    await settle(page);
    state = await summaryState(page);
    assertVerdictInView(state, 'example');
    assert.equal(state.textareaScroll, 0);

    // A file.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setInputFiles('#file-input', { name: 'message.eml', mimeType: 'message/rfc822', buffer: Buffer.from(wholeMessage) });
    await page.waitForFunction(() => document.querySelector('textarea#headers').value.includes('Body line 200'));
    await settle(page);
    state = await summaryState(page);
    assertVerdictInView(state, 'file');
    assert.equal(state.textareaScroll, 0);

    // Typing never moves the focus (nor the view).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#clear');
    await page.focus('textarea#headers');
    await page.keyboard.type('Received: from a.example.org (a.example.org [192.0.2.1]) by b.example.net with ESMTPS id 1; Sun, 22 Nov 2026 09:14:07 +0000\n');
    await settle(page);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'headers', 'the focus stays in the text box while typing');
    assert.deepEqual(await hopAttributes(page), [{ hop: 1, verdict: 'encrypted', scope: 'external' }]);
    assert.ok((await page.inputValue('textarea#headers')).startsWith('Received: from a.example.org'), 'nothing typed is lost');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await cspViolations(page), []);
  });
}

test('keyboard: the skip link lands on the summary; a hop link opens and focuses its hop', async () => {
  const { page } = await open('keyboard-paths');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')), 'the skip link comes first');
  await paste(page, mixed);

  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'summary', 'the skip link focuses the summary');
  assert.equal(await page.evaluate(() => location.hash), '', 'and leaves the address alone');

  await page.focus('#summary .hop-links a[href="#hop-3"]');
  await page.keyboard.press('Enter');
  const hop = await page.evaluate(() => {
    const active = document.activeElement;
    const box = active.getBoundingClientRect();
    return { id: active.id, open: active.querySelector('details.hop-details')?.open, inView: box.top >= -1 && box.top < window.innerHeight };
  });
  assert.deepEqual(hop, { id: 'hop-3', open: true, inView: true });
});

test('keyboard: Share moves the focus into its panel; Esc closes it and returns to Share', async () => {
  const { page } = await open('share-focus');
  await paste(page, mixed);
  await page.focus('[data-action="share"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#share-panel');
  assert.ok(await page.evaluate(() => document.querySelector('#share-panel').contains(document.activeElement)), 'the focus is inside the panel');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-redact')), 'emails', 'on its first control');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#share-panel', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'share', 'the focus is back on Share');
  assert.equal(await page.getAttribute('[data-action="share"]', 'aria-expanded'), 'false');
});

test('the table view: one row per hop with the same hooks, remembered for the tab only', async () => {
  const { page, context, log } = await open('table-view');
  await paste(page, mixed);
  const cards = await hopAttributes(page);
  assert.equal(await page.getAttribute('[data-action="view-cards"]', 'aria-pressed'), 'true');

  await page.click('[data-action="view-table"]');
  await page.waitForSelector('table.hop-table');
  assert.equal(await page.getAttribute('[data-action="view-table"]', 'aria-pressed'), 'true');
  assert.deepEqual(await hopAttributes(page), cards, 'the rows carry the same verdicts and scopes');
  const hooked = await page.$$eval('[data-hop][data-verdict][data-scope]', (els) => els.map((e) => e.localName));
  assert.deepEqual(hooked, cards.map(() => 'tr'), 'exactly one element per hop: the row');
  const headers = await page.$$eval('table.hop-table thead th', (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(headers, ['Hop', 'Verdict', 'Scope', 'Version', 'Cipher', 'Grade', 'Delay', 'From → by']);
  const row4 = await page.$eval('tr[data-hop="4"]', (tr) => [...tr.cells].map((c) => c.textContent.trim()));
  assert.deepEqual(row4.slice(1, 7), ['Encrypted', 'External', 'TLS1.3', 'TLS_AES_256_GCM_SHA384', 'Strong Post-quantum', '+3 s']);
  assert.equal(row4[7], 'mx.example.net [203.0.113.5] → mx2.example.com');
  await page.screenshot({ path: join(artifacts, 'table-view.png'), fullPage: true });

  // A hop link goes to the row.
  await page.click('#summary .hop-links a[href="#hop-2"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'hop-2');

  // Remembered across a reload of the same tab…
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => window.hopscope);
  await page.waitForSelector('textarea#headers');
  log.loadedAt = Date.now(); // a new load: its requests come before this
  await paste(page, mixed);
  await page.waitForSelector('table.hop-table');
  assert.equal(await page.getAttribute('[data-action="view-table"]', 'aria-pressed'), 'true');
  assert.equal(await page.$$eval('[data-hop][data-verdict][data-scope]', (els) => els.length), cards.length);
  // …in session storage only, and only the view.
  const stored = await page.evaluate(() => ({ session: { ...sessionStorage }, local: localStorage.length }));
  assert.deepEqual(stored, { session: { 'hopscope-view': 'table' }, local: 0 });

  // A new tab starts with the cards.
  const other = await context.newPage();
  await other.goto(suite.server.url);
  await other.waitForFunction(() => window.hopscope);
  await other.waitForSelector('textarea#headers');
  await paste(other, mixed);
  assert.equal(await other.$$eval('li[data-hop]', (els) => els.length), cards.length);
  assert.equal(await other.$('table.hop-table'), null);

  await page.click('[data-action="view-cards"]');
  assert.deepEqual(await page.$$eval('[data-hop][data-verdict][data-scope]', (els) => els.map((e) => e.localName)), cards.map(() => 'li'));
});

test('no rule identifier is shown on the page or in a tooltip', async () => {
  const { page } = await open('plain-words');
  for (const text of [...exampleTexts, mixed, handoff]) {
    const rules = new Set();
    for (const hop of cliReport(text).hops) {
      for (const e of [...hop.evidence, hop.scope_evidence]) if (e.rule) rules.add(e.rule);
    }
    assert.ok(rules.size > 0);
    await paste(page, text);
    for (const view of ['cards', 'table']) {
      await page.click(`[data-action="view-${view}"]`);
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      const shown = await page.evaluate(() => [
        document.body.innerText,
        ...[...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title')),
      ].join('\n'));
      for (const rule of rules) {
        assert.ok(!shown.includes(rule), `${view}: “${rule}” is shown`);
      }
    }
    await page.click('[data-action="view-cards"]');
    // The rule ids stay available to tools.
    const tagged = await page.$$eval('.evidence-list li[data-rule]', (els) => els.map((e) => e.getAttribute('data-rule')));
    assert.ok(tagged.every((r) => rules.has(r)), tagged.join(' '));
  }
  // The evidence reads as sentences with the header text quoted.
  await paste(page, mixed);
  const evidence = await page.$$eval('#hop-4 .evidence-list li', (els) => els.map((e) => e.textContent));
  assert.ok(evidence.includes('The server wrote “with ESMTPS”: a protocol name ending in S means the connection used TLS (RFC 3848).'), evidence.join('\n'));
  // The raw header's highlights and every badge are explained where they appear.
  assert.match(await page.textContent('#hop-4 .mark-legend'), /decided whether the hop was encrypted.*decided where the hop ran/s);
  await page.click('.legend > summary');
  const legend = await page.$$eval('.legend-list dt', (dts) => dts.map((dt) => dt.textContent));
  for (const word of ['Local', 'Internal', 'External', 'Strong', 'Post-quantum', 'Unverified']) {
    assert.ok(legend.includes(word), `the legend explains ${word}`);
  }
  const untitled = await page.$$eval('.timeline .badge:not([title])', (els) => els.length);
  assert.equal(untitled, 0, 'every badge has its meaning as a tooltip too');
});

test('the summary counts add up and name the weakest encrypted hop', async () => {
  const { page } = await open('counts');
  await paste(page, mixed);
  const counts = await page.$$eval('#summary [data-count]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(counts, ['1 encrypted', '2 not encrypted', '1 not stated', '2 on one machine']);
  const total = counts.reduce((n, c) => n + Number(c.split(' ')[0]), 0);
  assert.equal(total, 6);
  assert.match(await page.textContent('#summary .count-hops'), /^6 hops$/);
  assert.match(await page.textContent('#summary .weakest'), /^Weakest encrypted hop: hop 4 \(Strong\)\./);
  await page.click('[data-example="gmail"]');
  await settle(page);
  const gmail = await page.$$eval('#summary [data-count]', (els) => els.map((e) => e.textContent));
  assert.ok(gmail.every((c) => !c.startsWith('0 ')), `no zero counts: ${gmail}`);
});

test('mail that never left one machine: neutral, no lock, no alarm; a hand-off reads “Not stated”', async () => {
  const { page } = await open('neutral');
  await page.click('[data-example="local-only"]');
  await settle(page);
  assert.equal(await page.getAttribute('#summary', 'data-overall'), 'local_only');
  assert.match(await page.textContent('#summary .status'), /Never left one machine/);
  const locks = await page.$$eval('#summary path, #route .hop-marker path', (ps) => ps.filter((p) => p.getAttribute('d').startsWith('M8 11V7')).length);
  assert.equal(locks, 0, 'no lock, open or closed');
  const red = await page.$$eval('#summary .status, #route .hop .verdict-word', (els) => els.filter((e) => getComputedStyle(e).color === 'rgb(176, 36, 27)').length);
  assert.equal(red, 0, 'nothing in the alarm colour');

  await paste(page, handoff);
  assert.equal(await page.getAttribute('#summary', 'data-overall'), 'all_encrypted');
  const card = await page.textContent('#hop-3');
  assert.match(card, /Not stated/);
  assert.match(card, /names no sending server/);
  assert.equal(await page.$$eval('#summary .hop-links', (ps) => ps.filter((p) => p.textContent.startsWith('Not encrypted')).length), 0);
});

test('the input panel: headers help behind a disclosure, Clear beside the examples, even rows at 375 px', async () => {
  const { page } = await open('input-panel', { width: 375, height: 812 });
  assert.equal(await page.isVisible('.where-headers .how-to'), false, 'closed at first');
  await page.click('.where-headers > summary');
  const sources = await page.textContent('.where-headers .how-to');
  for (const program of ['Gmail', 'Outlook on the web', 'Outlook for Windows', 'Apple Mail', 'Thunderbird']) {
    assert.ok(sources.includes(program), program);
  }
  // The page opens Outlook .msg files (through its engine), so the advice to drop one is shown.
  assert.ok(sources.includes('.msg'), 'Outlook users are told they can drop the saved .msg file');
  const buttons = await page.$$eval('#examples .button', (bs) => bs.map((b) => { const r = b.getBoundingClientRect(); return { x: Math.round(r.left), w: Math.round(r.width), h: Math.round(r.height) }; }));
  assert.equal(new Set(buttons.map((b) => b.w)).size, 1, `equal widths: ${JSON.stringify(buttons)}`);
  assert.ok(new Set(buttons.map((b) => b.x)).size <= 2, `two columns: ${JSON.stringify(buttons)}`);
  const clear = await page.$eval('#clear', (b) => b.getBoundingClientRect().top);
  const lastExample = await page.$$eval('#examples .button', (bs) => bs[bs.length - 1].getBoundingClientRect().bottom);
  assert.ok(clear - lastExample < 24, 'Clear sits right under the examples');
  assert.ok(await page.isVisible('#drop-hint'), 'a mouse can drop a file');
  await page.screenshot({ path: join(artifacts, 'input-375.png') });

  const { page: touch } = await open('input-touch', { width: 375, height: 812, touch: true });
  assert.equal(await touch.isVisible('#drop-hint'), false, 'no drop hint on a touch screen');
  assert.ok(!(await touch.innerText('#summary')).includes('drop'), 'nor in the prompt');
});

test('print: every detail open, no disclosure arrows', async () => {
  const { page } = await open('print');
  await paste(page, mixed);
  await page.emulateMedia({ media: 'print' });
  const markers = await page.$$eval('details > summary', (ss) => [...new Set(ss.map((s) => getComputedStyle(s).listStyleType))]);
  assert.deepEqual(markers, ['none']);
  await page.emulateMedia({ media: 'screen' });
});
