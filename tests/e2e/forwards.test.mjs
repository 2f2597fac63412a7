// End-to-end: messages inside messages. A forward with the original attached (message/rfc822,
// or an attached .eml in base64) or quoting its headers in the body: the page analyses the
// message that carries a route, says so plainly, and switches between the outer message and
// each inner one (`[data-action="show-part"][data-part]`); each report is the CLI's for that
// part (`hopscope analyze --part N`). And a message with a single From: line is email with no
// route to check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { browserSuite, root, artifacts, paste, settle, hopAttributes, cspViolations } from './harness.mjs';

const { open } = browserSuite();

/** The CLI's report for one part of `text` (`--part N`), or its own choice. */
function cli(text, part) {
  const args = ['analyze', '--format', 'json', ...(part === undefined ? [] : ['--part', String(part)]), '-'];
  const bin = join(root, 'target', 'debug', 'hopscope');
  const out = existsSync(bin)
    ? execFileSync(bin, args, { input: text })
    : execFileSync('cargo', ['run', '-q', '-p', 'hopscope-cli', '--', ...args], { input: text, cwd: root });
  return JSON.parse(out.toString());
}

const asShown = (report) => report.hops.map((h) => ({ hop: h.index, verdict: h.verdict, scope: h.scope }));

const ATTACHED = readFileSync(join(root, 'crates', 'core', 'tests', 'fixtures', 'input-shapes', 'whole-message-forwarded-attachment.eml'), 'utf8');
const OUTER = ATTACHED.split('\n--fwd-7d3c1b')[0].split('\n\n')[0];
const INNER = ATTACHED.split('Content-Disposition: attachment; filename="suspicious.eml"\n\n')[1].split('\n--fwd-7d3c1b--')[0];

/** The same forward with the original as an attached .eml file in base64, as clients send it. */
const ATTACHED_FILE = `${OUTER.replace('boundary="fwd-7d3c1b"', 'boundary="b64"')}

--b64
Content-Type: text/plain; charset=us-ascii

Forwarding the original as a file.

--b64
Content-Type: application/octet-stream; name="original.eml"
Content-Disposition: attachment; filename="original.eml"
Content-Transfer-Encoding: base64

${Buffer.from(INNER).toString('base64').replace(/.{76}/g, '$&\n')}
--b64--
`;

/** A forward that quotes the original's headers in its body, as "forward inline" does. */
const QUOTED = `${OUTER.replace(/\nMIME-Version[\s\S]*$/, '')}
Content-Type: text/plain; charset=us-ascii

Xenia, here are the headers of the mail that claims to be from our bank:

${INNER.split('\n\n')[0].split('\n').map((l) => `> ${l}`).join('\n')}

Thanks.
`;

async function showsPart(page, part) {
  await page.waitForSelector(`#parts[data-showing-part="${part}"]`);
  await settle(page);
}

for (const [name, text, file, note] of [
  ['attached as message/rfc822', ATTACHED, 'forward.eml', 'These are the headers of the attached message “suspicious.eml”, not of the message it came in.'],
  ['attached as an .eml file in base64', ATTACHED_FILE, 'forward-b64.eml', 'These are the headers of the attached message “original.eml”, not of the message it came in.'],
  ['quoted in the body', QUOTED, 'forward-quoted.eml', 'These are the headers of the message quoted in the body “Verify your account now”, not of the message it came in.'],
]) {
  test(`a forward with the original ${name}: the original is analysed, said, and the switch works`, async () => {
    const { page, log } = await open(name);
    await page.setInputFiles('#file-input', { name: file, mimeType: 'message/rfc822', buffer: Buffer.from(text) });
    await showsPart(page, 1);
    const inner = cli(text);
    assert.equal(inner.part, 1, 'the CLI chose the inner message too');
    assert.deepEqual(await hopAttributes(page), asShown(inner));
    assert.equal((await page.textContent('[data-part-note]')).trim(), note);
    assert.equal(await page.getAttribute('[data-action="show-part"][data-part="1"]', 'aria-pressed'), 'true');
    assert.equal(await page.getAttribute('[data-action="show-part"][data-part="0"]', 'aria-pressed'), 'false');
    const body = await page.textContent('main');
    assert.ok(!body.includes('Ignored text before the first header line'), 'no silent note instead');
    assert.equal(body.split('These are the headers of').length, 2, 'said once');
    await page.screenshot({ path: join(artifacts, `forward-${file.replace('.eml', '')}.png`), fullPage: true });

    // The outer message, then back.
    await page.click('[data-action="show-part"][data-part="0"]');
    await showsPart(page, 0);
    const outer = cli(text, 0);
    assert.deepEqual(await hopAttributes(page), asShown(outer));
    assert.ok((await page.textContent('[data-part-note]')).startsWith('These are the headers of the message itself. It holds 1 other message'));
    assert.equal(await page.getAttribute('[data-action="show-part"][data-part="0"]', 'aria-pressed'), 'true');
    await page.click('[data-action="show-part"][data-part="1"]');
    await showsPart(page, 1);
    assert.deepEqual(await hopAttributes(page), asShown(inner));
    assert.equal(await page.inputValue('textarea#headers'), text, 'the text is untouched');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(await cspViolations(page), []);
  });
}

test('a new paste chooses afresh; a message without a forward shows no switch', async () => {
  const { page } = await open('afresh');
  await paste(page, ATTACHED);
  await showsPart(page, 1);
  await page.click('[data-action="show-part"][data-part="0"]');
  await showsPart(page, 0);
  await paste(page, ATTACHED_FILE);
  await showsPart(page, 1);
  await paste(page, INNER);
  assert.equal(await page.$('#parts'), null);
  assert.deepEqual(await hopAttributes(page), asShown(cli(INNER)));
});

test('a message with a single From: line reads “no route to check”, not “not email”', async () => {
  const { page } = await open('from-only');
  await paste(page, 'From: Alice <alice@example.org>\n');
  assert.equal(await page.getAttribute('#summary', 'data-overall'), 'no_hops');
  const summary = await page.textContent('#summary');
  assert.match(summary, /no route to check/);
  assert.doesNotMatch(summary, /does not look like email/i);
  assert.equal(await page.$('#parts'), null);
});
