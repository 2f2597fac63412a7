// Hostile input in a real Chromium: the page stays responsive, says clearly when the input is
// not email headers, executes nothing from the input (no dialog, no new script, no navigation),
// keeps what the person pasted, and reports no CSP violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, paste, settle, cspViolations } from './harness.mjs';

let shared;
browserSuite({ ready: async ({ open }) => { shared = await open('hostile'); } });

const date = 'Sun, 22 Nov 2026 05:20:40 +0000';
const rcv = (i) => `Received: from h${i}.example.org (h${i}.example.org [192.0.2.${i % 250}]) by mx.example.net with ESMTPS id ${i}; ${date}\n`;

const CASES = [
  { name: 'empty', text: '', overall: 'empty' },
  { name: 'whitespace only', text: ' \n\t\n   \r\n', overall: 'empty' },
  { name: 'prose', text: 'Dear team, the report is attached.', overall: 'not_email' },
  { name: 'NUL bytes', text: 'Received: from a\u0000b by c with ESMTP; ' + date + '\n\u0000\u0000' },
  { name: 'deeply nested comments', text: `Received: from a ${'('.repeat(20000)}x${')'.repeat(20000)} by b with ESMTPS; ${date}\n` },
  { name: 'unbalanced brackets', text: `Received: from a (b [192.0.2.1 by <c "d with ESMTP; ${date}\nReceived: ))))]]]>>> from x by y; ${date}\n` },
  { name: 'years 0 and 9999', text: `Received: from b.example.org by c.example.net with ESMTPS; Fri, 31 Dec 9999 23:59:59 +0000\nReceived: from a.example.org by b.example.org with ESMTPS; Sat, 1 Jan 0000 00:00:00 +0000\n` },
  { name: 'IPv6 and IPv4-mapped', text: `Received: from a.example.org (a.example.org [IPv6:2001:db8::25]) by b.example.net with ESMTPS; ${date}\nReceived: from c.example.org (c.example.org [::ffff:10.0.0.7]) by a.example.org with ESMTP; ${date}\n` },
  { name: 'bidi and zero-width', text: `Received: from pay\u202Elpt.example (x\u200By.example [192.0.2.9]) by \u2066evil\u2069.example with ESMTPS id \uFEFF1; ${date}\nSubject: \u202Egnp.exe\n` },
  { name: 'markup in every field', text: `Received: from <img src=x onerror=alert(1)> (<svg onload=alert(2)> [192.0.2.1]) by <script>alert(3)</script> via <iframe src=javascript:alert(4)> with <b>ESMTPS</b> id "><img src=x onerror=alert(5)> for <a href=javascript:alert(6)>x</a>; ${date}\nSubject: <script>alert(7)</script>\nFrom: "<img src=x onerror=alert(8)>" <a@example.org>\nAuthentication-Results: <script>alert(9)</script>; spf=<img src=x onerror=alert(10)>\n` },
  { name: '20,000 Received headers', text: Array.from({ length: 20000 }, (_, i) => rcv(i)).join('') },
  { name: 'one 1 MB line', text: `Received: from a.example.org by b.example.net with ESMTP id ${'x'.repeat(1024 * 1024)}; ${date}\n` },
];

for (const c of CASES) {
  test(`hostile input: ${c.name}`, async () => {
    const { page, log } = shared;
    const before = { scripts: await page.$$eval('script', (s) => s.length), url: page.url(), dialogs: log.dialogs.length, errors: log.errors.length };
    await paste(page, c.text);
    await page.$$eval('details', (ds) => ds.slice(0, 20).forEach((d) => { d.open = true; }));
    // Responsive: a task queued now runs promptly.
    const t = Date.now();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    assert.ok(Date.now() - t < 1000, 'the page answers within a second');
    assert.equal(log.dialogs.length, before.dialogs, 'no dialog opened');
    assert.equal(await page.$$eval('script', (s) => s.length), before.scripts, 'no script element added');
    assert.equal(page.url(), before.url, 'no navigation');
    assert.equal(await page.$$eval('#route img, #summary img, #warnings img, iframe, #route svg[onload]', (e) => e.length), 0, 'nothing made from header text');
    assert.equal(log.errors.length, before.errors, `no page error: ${log.errors.slice(before.errors).join('; ')}`);
    if (c.text.length > 512 * 1024) {
      // Too large to edit: the box shows its beginning; "Edit anyway" brings all of it back.
      assert.match(await page.inputValue('textarea#headers'), /The report covers all of it/);
      await page.click('#edit-large');
      await settle(page);
    }
    assert.equal(await page.inputValue('textarea#headers'), c.text.replace(/\r\n?/g, '\n'), 'the pasted text is kept');
    if (c.overall) {
      assert.equal(await page.getAttribute('#summary', 'data-overall'), c.overall);
    }
    if (c.overall === 'not_email') {
      assert.match(await page.textContent('#summary'), /does not look like email headers/i);
    }
    assert.deepEqual(await cspViolations(page), []);
  });
}

test('a JPEG dropped as a file is called an image, and the text stays', async () => {
  const { page } = shared;
  const kept = 'Received: from a.example.org by b.example.net with ESMTPS; ' + date + '\n';
  await paste(page, kept);
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]), Buffer.alloc(5000, 7)]);
  await page.setInputFiles('#file-input', { name: 'photo.eml', mimeType: 'message/rfc822', buffer: jpeg });
  await page.waitForTimeout(500);
  await settle(page);
  // The message under the box (the panel's help now mentions .msg files, which the page opens).
  const status = await page.textContent('#input-status');
  assert.match(status, /photo\.eml is an image, not an email\./, 'the file is called what it is');
  assert.ok(!status.includes('.msg'), 'not mistaken for an Outlook file');
  assert.equal(await page.inputValue('textarea#headers'), kept, 'the text in the box is kept');
  assert.deepEqual(await cspViolations(page), []);
});
