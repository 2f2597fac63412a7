// End-to-end: checking a report against a policy. Built-in (`encrypted`, `modern`) and custom
// policies give, per hop and for the message, the CLI's result for the same policy
// (`hopscope analyze --policy NAME|FILE`); the choice is remembered for the tab; the JSON and
// Markdown exports and share links carry the result, and a shared link shows the sender's
// result read-only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { browserSuite, root, artifacts, reloadPage, paste, settle, cspViolations } from './harness.mjs';

// Downloads are blob: URLs made in the tab.
const suite = browserSuite({ blobsAfterLoad: true });
const open = (name, url) => (url ? suite.openLink(name, url) : suite.open(name));

const mixed = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8');
const gmail = readFileSync(join(root, 'src', 'examples', 'gmail.txt'), 'utf8');
const UNSTATED = 'Received: from b.example.org (b.example.org [192.0.2.2]) by c.example.net; Sun, 22 Nov 2026 05:20:41 +0000\n'
  + 'Received: from a.example.org (a.example.org [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by b.example.org (Postfix) with ESMTPS id 1; Sun, 22 Nov 2026 05:20:40 +0000\n';

/** The CLI's report of `text` checked against `policy` (a name, or an object written to a file). */
function cli(text, policy) {
  let spec = policy;
  if (typeof policy === 'object') {
    mkdirSync(join(root, 'target'), { recursive: true });
    spec = join(root, 'target', 'e2e-policy.json');
    writeFileSync(spec, JSON.stringify(policy));
  }
  const args = ['analyze', '--format', 'json', '--policy', spec, '-'];
  const bin = join(root, 'target', 'debug', 'hopscope');
  let out;
  try {
    out = existsSync(bin)
      ? execFileSync(bin, args, { input: text })
      : execFileSync('cargo', ['run', '-q', '-p', 'hopscope-cli', '--', ...args], { input: text, cwd: root });
  } catch (error) {
    out = error.stdout; // exit codes 3 (fails) and 4 (cannot tell) still print the report
  }
  return JSON.parse(out.toString());
}

const slug = (outcome) => outcome.replace('_', '-');

/** What the page shows of the policy result: the message's and each hop's. */
async function shown(page) {
  return page.evaluate(() => {
    const result = document.querySelector('#summary [data-policy]');
    return {
      policy: result?.getAttribute('data-policy') ?? null,
      outcome: result?.getAttribute('data-outcome') ?? null,
      hops: [...document.querySelectorAll('[data-hop][data-verdict]')].map((e) => e.getAttribute('data-policy-outcome')),
    };
  });
}

/** The page shows exactly the CLI's result. */
async function sameAsCli(page, text, policy, label) {
  const report = cli(text, policy);
  assert.deepEqual(await shown(page), {
    policy: report.policy.policy.name,
    outcome: slug(report.policy.outcome),
    hops: report.policy.hops.map((h) => slug(h.outcome)),
  }, label);
  assert.equal((await page.textContent('[data-policy-definition]')).trim(), report.policy.definition, `${label}: definition`);
  const reasons = await page.$$eval('.hop-policy', (els) => els.map((e) => e.textContent));
  for (const [i, hop] of report.policy.hops.entries()) {
    assert.ok(reasons[i].endsWith(hop.reason), `${label}: hop ${hop.hop} says why: ${reasons[i]}`);
  }
  return report;
}

async function choose(page, value) {
  await page.selectOption('select[data-policy-choice]', value);
  await settle(page);
}

test('built-in policies: pass, fail and cannot tell, hop by hop, as the CLI says', async () => {
  const { page, log } = await open('built-in');
  await paste(page, mixed);
  assert.equal(await page.inputValue('select[data-policy-choice]'), 'none');
  assert.deepEqual(await shown(page), { policy: null, outcome: null, hops: [null, null, null, null, null, null] });

  await choose(page, 'encrypted');
  const report = await sameAsCli(page, mixed, 'encrypted', 'mixed, encrypted');
  assert.equal(report.policy.outcome, 'fail');
  assert.match(await page.textContent('#summary [data-policy]'), /^Policy “encrypted”: Fails: hops 2, 3 do not meet the policy\.$/);
  await page.screenshot({ path: join(artifacts, 'policy-encrypted.png'), fullPage: true });

  await choose(page, 'modern');
  await sameAsCli(page, mixed, 'modern', 'mixed, modern');
  await paste(page, gmail);
  assert.equal((await sameAsCli(page, gmail, 'modern', 'gmail, modern')).policy.outcome, 'pass');
  await paste(page, UNSTATED);
  assert.equal((await sameAsCli(page, UNSTATED, 'modern', 'unstated, modern')).policy.outcome, 'cannot_tell');

  // The table view carries the same hooks and a Policy column.
  await page.click('[data-view="table"]');
  assert.deepEqual((await shown(page)).hops, ['pass', 'cannot-tell']);
  assert.ok((await page.$$eval('.hop-table th', (ths) => ths.map((t) => t.textContent))).includes('Policy'));
  await page.click('[data-view="cards"]');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
});

test('a custom policy: its fields, the unavailable recipient requirement, and the CLI\'s result', async () => {
  const { page, log } = await open('custom');
  await paste(page, mixed);
  await choose(page, 'modern');
  await choose(page, 'custom');
  // It starts as the policy chosen before.
  assert.equal(await page.inputValue('[data-policy-field="min_version"]'), 'TLS1.2');
  assert.equal(await page.isChecked('[data-policy-field="no_weak_ciphers"]'), true);
  assert.deepEqual(await page.$$eval('[data-policy-scope]', (els) => els.map((e) => [e.getAttribute('data-policy-scope'), e.checked])),
    [['local', false], ['internal', true], ['external', true]]);
  const recipient = page.locator('[data-policy-field="recipient_policy"]');
  assert.equal(await recipient.isDisabled(), true, 'needs a lookup the page does not make');
  assert.match(await page.textContent('#policy-recipient-note'), /^Unavailable here: only a DNS lookup/);

  await page.selectOption('[data-policy-field="min_version"]', 'TLS1.3');
  await page.click('[data-policy-field="verified_client_certificate_external"]');
  await page.click('[data-policy-scope="internal"]');
  await settle(page);
  const policy = {
    name: 'custom', scopes: ['external'], min_version: 'TLS1.3', no_weak_ciphers: true,
    verified_client_certificate_external: true,
  };
  const report = await sameAsCli(page, mixed, policy, 'mixed, custom');
  assert.equal(report.policy.definition, 'Every external hop is encrypted, every stated TLS version is TLS1.3 or newer, no cipher is graded weak or broken, hops across the Internet show a verified client certificate.');
  // The last scope cannot be unticked: a policy counting no hop would pass everything.
  assert.equal(await page.isDisabled('[data-policy-scope="external"]'), true);
  await page.screenshot({ path: join(artifacts, 'policy-custom.png'), fullPage: true });

  // Remembered for the tab, fields and all; a new tab starts without a policy.
  await reloadPage(page, log);
  await paste(page, mixed);
  assert.equal(await page.inputValue('select[data-policy-choice]'), 'custom');
  assert.equal(await page.inputValue('[data-policy-field="min_version"]'), 'TLS1.3');
  await sameAsCli(page, mixed, policy, 'after a reload');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('hopscope-policy')), 'custom:TLS1.3:e:wc');
  const { page: fresh } = await open('fresh');
  await paste(fresh, mixed);
  assert.equal(await fresh.inputValue('select[data-policy-choice]'), 'none');
  // No policy: nothing stored about it.
  await choose(page, 'none');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('hopscope-policy')), null);
});

test('exports and share links carry the result; the recipient sees the sender\'s, read-only', async () => {
  const { page, log } = await open('sender');
  await paste(page, mixed);
  await choose(page, 'modern');
  const cliReport = cli(mixed, 'modern');

  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="download-json"]')]);
  const exported = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(exported.policy, cliReport.policy, 'the JSON carries the CLI\'s policy result');
  assert.deepEqual(exported, cliReport);

  // The Markdown copy (the clipboard is written, never read, by the page: capture the write).
  await page.evaluate(() => {
    Object.defineProperty(navigator.clipboard, 'writeText', { value: (text) => { window.__copied = text; return Promise.resolve(); } });
  });
  await page.click('#copy-report');
  await page.waitForFunction(() => typeof window.__copied === 'string');
  const markdown = await page.evaluate(() => window.__copied);
  assert.match(markdown, /### Policy\n\nPolicy “modern” — Every hop between servers is encrypted/);
  assert.match(markdown, /- Hop 2: Fails\. Not encrypted\./);

  await page.click('[data-action="share"]');
  await page.waitForSelector('input[data-share-url]');
  const link = await page.inputValue('input[data-share-url]');
  const sent = await shown(page);

  // The sender's choice changes nothing in a link already made and opened.
  const { page: shared, log: sharedLog } = await open('recipient', link);
  await shared.waitForSelector('#shared-banner');
  assert.deepEqual(await shown(shared), sent, 'the recipient sees the sender\'s result');
  assert.equal(await shared.$('select[data-policy-choice]'), null, 'read-only');
  const panel = await shared.textContent('#policy[data-policy-shared]');
  assert.match(panel, /The sender checked this report against the policy “modern”: Every hop between servers is encrypted, every stated TLS version is 1\.2 or newer/);
  assert.match(panel, /it is not checked again here/);
  // Even with another policy remembered in the recipient's tab.
  await shared.evaluate(() => sessionStorage.setItem('hopscope-policy', 'encrypted'));
  await reloadPage(shared, sharedLog, '#shared-banner');
  assert.deepEqual(await shown(shared), sent);
  const [sharedJson] = await Promise.all([shared.waitForEvent('download'), shared.click('[data-action="download-json"]')]);
  assert.deepEqual(JSON.parse(readFileSync(await sharedJson.path(), 'utf8')).policy, cliReport.policy);
  await shared.screenshot({ path: join(artifacts, 'policy-shared.png'), fullPage: true });
  assert.deepEqual(log.errors, []);
  assert.deepEqual(sharedLog.errors, []);
  assert.deepEqual(await cspViolations(shared), []);
});
