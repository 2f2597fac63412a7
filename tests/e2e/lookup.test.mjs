// End-to-end: the opt-in lookups of a message's domains (MTA-STS, DANE, TLS-RPT). The page's
// DNS-over-HTTPS requests are answered here, from tests/doh-stub/ (Playwright's context.route,
// which also sees the engine worker's requests), and the browser resolves no host name but
// 127.0.0.1: nothing leaves the machine. Checked: no request before the click; only the chosen
// service is asked, and only about the domain (the request URLs carry nothing else, no
// cookie, no referrer); every failure reads per item; the verdicts never change; a custom
// policy's recipient requirement uses the lookup; nothing from an answer becomes markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root, artifacts, startServer, CHROMIUM_FLAGS, openPage, paste, settle, hopAttributes, cspViolations } from './harness.mjs';

const STUB = join(root, 'tests', 'doh-stub');
const DOH = /^https:\/\/(dns\.google\/resolve|cloudflare-dns\.com\/dns-query)\?/;

let server;
let browser;
/** Every request that left for another origin, as the routes saw it. */
const asked = [];

before(async () => {
  server = await startServer();
  // No host name resolves (but the test server's address): a request the routes missed fails.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_FLAGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A hostile answer, served for `hostile.example`: markup and a bidi override in TXT data. */
const HOSTILE = '{"Status":0,"AD":false,"Answer":[{"type":16,"data":"v=TLSRPTv1; rua=mailto:<img src=x onerror=alert(1)>\u202e@hostile.example"}]}';

async function open(name) {
  const opened = await openPage(browser, server.url);
  const { context } = opened;
  // Anything for another origin: recorded and refused (the routes below take the DoH ones).
  await context.route((url) => !url.href.startsWith(server.origin) && !/^(data|blob):/.test(url.protocol), (route) => {
    asked.push({ name, url: route.request().url(), headers: route.request().headers(), refused: true });
    return route.abort('blockedbyclient');
  });
  await context.route(DOH, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    asked.push({ name, url: request.url(), headers: await request.allHeaders() });
    const service = url.hostname === 'dns.google' ? 'google' : 'cloudflare';
    const domain = url.searchParams.get('name');
    if (domain.endsWith('blocked.example')) return route.abort('internetdisconnected');
    if (domain === '_smtp._tls.hostile.example') {
      return route.fulfill({ status: 200, contentType: 'application/dns-json', body: HOSTILE, headers: { 'access-control-allow-origin': '*' } });
    }
    const file = join(STUB, service, domain, `${url.searchParams.get('type')}.json`);
    if (!existsSync(file)) {
      if (domain.includes('timeout.example')) return; // never answered: the page's timeout
      return route.fulfill({ status: 200, contentType: 'application/dns-json', body: '{"Status":3,"AD":false}', headers: { 'access-control-allow-origin': '*' } });
    }
    return route.fulfill({ status: 200, contentType: 'application/dns-json', body: readFileSync(file), headers: { 'access-control-allow-origin': '*' } });
  });
  return opened;
}

/** A message delivered to bob@<recipient> through mx1.<recipient>, from alice@<sender>. */
function message(recipient, sender = 'example.org') {
  return `Received: from localhost (localhost [127.0.0.1]) by mx1.${recipient} with LMTP for <bob@${recipient}>; Sun, 22 Nov 2026 05:20:41 +0000\n`
    + `Received: from a.${sender} (a.${sender} [192.0.2.1]) by mx1.${recipient} with ESMTPS for <bob@${recipient}>; Sun, 22 Nov 2026 05:20:40 +0000\n`
    + `From: Alice <alice@${sender}>\nTo: bob@${recipient}\nSubject: x\n`;
}

/** Clicks the lookup of `domain` and waits for it to end; returns what it shows. */
async function lookUp(page, domain) {
  const block = page.locator('.lookup-domain').filter({ has: page.locator(`[data-action="lookup"][data-domain="${domain}"]`) });
  await block.locator('[data-action="lookup"]').click();
  await block.locator('[data-lookup][data-state="done"], [data-lookup][data-state="error"]').waitFor({ timeout: 20000 });
  return block.evaluate((b) => ({
    state: b.querySelector('[data-lookup]').getAttribute('data-state'),
    items: [...b.querySelectorAll('[data-lookup-item]')].map((li) => [li.getAttribute('data-status'), li.textContent]),
    findings: [...b.querySelectorAll('[data-lookup-finding]')].map((li) => li.getAttribute('data-lookup-finding')),
    text: b.textContent,
  }));
}

const statuses = (shown) => shown.items.map(([status]) => status);

test('nothing is asked before a click; then only the chosen service, only about the domain', async () => {
  const { page, log } = await open('privacy');
  await paste(page, message('dane.example', 'nodnssec.example'));
  const button = page.locator('[data-action="lookup"][data-domain="dane.example"]');
  await button.waitFor();
  assert.match(await page.textContent('#lookup'), /The recipient's domain, from the route: hop 1 was for bob@dane\.example\. Sends only this domain name to the DNS resolver you choose\./);
  assert.deepEqual(await page.$$eval('select[data-lookup-resolver] option', (os) => os.map((o) => o.value)), ['google', 'cloudflare']);
  await page.waitForTimeout(300);
  assert.deepEqual(asked.filter((a) => a.name === 'privacy'), [], 'no request before the click');
  const verdicts = await hopAttributes(page);

  const shown = await lookUp(page, 'dane.example');
  assert.equal(shown.state, 'done');
  assert.deepEqual(statuses(shown), ['found', 'not_fetchable_from_browser', 'found', 'found', 'not_published', 'found']);
  assert.deepEqual(shown.findings, ['mta-sts-policy-not-fetched', 'mx-listed', 'dane-required', 'tls-rpt-published']);
  assert.match(shown.text, /DANE \(_25\._tcp\.mx1\.dane\.example TLSA\): 3 1 1 .*DNSSEC-validated/);
  assert.match(shown.text, /a web page cannot fetch the policy file from another site/);
  assert.match(shown.text, /These are the policies the domains publish now, looked up after the message was delivered/);
  assert.match(shown.text, /Asked Google Public DNS \(dns\.google\)\./);

  const sent = asked.filter((a) => a.name === 'privacy');
  const names = sent.map((a) => {
    const url = new URL(a.url);
    assert.equal(url.origin + url.pathname, 'https://dns.google/resolve', 'only the chosen service');
    assert.deepEqual([...url.searchParams.keys()], ['name', 'type'], 'nothing but the name and type');
    assert.equal(a.headers.cookie, undefined);
    assert.equal(a.headers.referer, undefined);
    assert.equal(a.headers.accept, 'application/dns-json');
    return `${url.searchParams.get('name')} ${url.searchParams.get('type')}`;
  });
  assert.deepEqual(names.sort(), ['_25._tcp.mx1.dane.example TLSA', '_25._tcp.mx2.dane.example TLSA', '_mta-sts.dane.example TXT', '_smtp._tls.dane.example TXT', 'dane.example MX']);
  assert.deepEqual(await hopAttributes(page), verdicts, 'a lookup never changes a verdict');

  // Another service for the sender's domain: only it is asked, only about that domain.
  await page.selectOption('select[data-lookup-resolver]', 'cloudflare');
  const before = asked.length;
  const sender = await lookUp(page, 'nodnssec.example');
  assert.deepEqual(sender.findings, ['mta-sts-not-published', 'dane-not-validated', 'tls-rpt-none']);
  const again = asked.slice(before);
  assert.ok(again.length > 0);
  for (const a of again) {
    const url = new URL(a.url);
    assert.equal(url.origin + url.pathname, 'https://cloudflare-dns.com/dns-query');
    assert.match(url.searchParams.get('name'), /(^|\.)nodnssec\.example$/);
  }
  assert.ok(!asked.some((a) => a.refused), `no other request: ${asked.filter((a) => a.refused).map((a) => a.url)}`);
  // Requests that reached the page's server were the page's own files only.
  for (const r of log.requests) assert.ok(r.url.startsWith(server.origin) || DOH.test(r.url) || /^(data|blob):/.test(r.url), r.url);
  await page.screenshot({ path: join(artifacts, 'lookup-done.png'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors.filter((e) => !/net::ERR/.test(e)), []);
});

test('every failure reads per item, and the verdicts stay', async () => {
  const { page } = await open('failures');
  const cases = [
    ['servfail.example', (s) => {
      assert.deepEqual(statuses(s), ['servfail', 'not_looked_up', 'servfail', 'not_looked_up', 'servfail']);
      assert.match(s.text, /the resolver failed to get an answer \(SERVFAIL\)/);
    }],
    ['garbage.example', (s) => {
      assert.equal(statuses(s)[0], 'resolver_error');
      assert.match(s.items[0][1], /not a DNS JSON answer/);
    }],
    ['malformed.example', (s) => {
      assert.equal(statuses(s)[0], 'malformed');
      assert.deepEqual(s.findings, ['mta-sts-record-malformed', 'mx-listed', 'dane-none', 'tls-rpt-malformed']);
    }],
    ['bogus.example', (s) => {
      assert.deepEqual(statuses(s), ['not_published', 'not_looked_up', 'found', 'dnssec_bogus', 'not_published']);
      assert.match(s.text, /failed DNSSEC validation/);
    }],
    ['none.example', (s) => assert.deepEqual(s.findings, ['mta-sts-not-published', 'mx-listed', 'dane-none', 'tls-rpt-none'])],
    ['blocked.example', (s) => {
      assert.deepEqual(statuses(s), ['resolver_error', 'not_looked_up', 'resolver_error', 'not_looked_up', 'resolver_error']);
      assert.match(s.items[0][1], /Google Public DNS \(dns\.google\) could not be reached/);
    }],
    ['timeout.example', (s) => {
      assert.deepEqual(statuses(s), ['timeout', 'not_looked_up', 'timeout', 'not_looked_up', 'timeout']);
      assert.match(s.items[0][1], /no answer in time/);
    }],
  ];
  for (const [domain, check] of cases) {
    const text = message(domain);
    await paste(page, text);
    const verdicts = await hopAttributes(page);
    const shown = await lookUp(page, domain);
    assert.equal(shown.state, 'done', domain);
    check(shown);
    assert.deepEqual(await hopAttributes(page), verdicts, `${domain}: verdicts unchanged`);
  }
  assert.deepEqual(await cspViolations(page), []);
});

test('nothing from an answer becomes markup', async () => {
  const { page, log } = await open('hostile');
  await paste(page, message('hostile.example'));
  const shown = await lookUp(page, 'hostile.example');
  assert.equal(await page.locator('#lookup img').count(), 0);
  assert.ok(shown.text.includes('<img src=x onerror=alert(1)>'), shown.text);
  // Quoted with the override made visible (`\u{202e}` in a malformed record's quote,
  // `⟨U+202E⟩` elsewhere), never obeyed.
  assert.ok(!shown.text.includes('\u202e') && shown.text.includes('\\u{202e}'), shown.text);
  assert.deepEqual(log.dialogs, []);
});

test('a custom policy\'s recipient requirement uses the lookup; other domains drop it', async () => {
  const { page } = await open('policy');
  await paste(page, message('dane.example'));
  await page.selectOption('select[data-policy-choice]', 'custom');
  await settle(page);
  const requirement = page.locator('[data-policy-field="recipient_policy"]');
  assert.equal(await requirement.isDisabled(), true, 'needs a lookup first');
  assert.match(await page.textContent('#policy-recipient-note'), /^Unavailable here: only a DNS lookup/);

  await lookUp(page, 'dane.example');
  assert.equal(await requirement.isDisabled(), false);
  assert.match(await page.textContent('#policy-recipient-note'), /Uses the lookup of dane\.example below\./);
  const verdicts = await hopAttributes(page);
  const outcome = () => page.getAttribute('#summary [data-policy]', 'data-outcome');
  assert.equal(await outcome(), 'pass', await page.textContent('#summary [data-policy]'));
  await requirement.check();
  await settle(page);
  assert.equal(await outcome(), 'pass', await page.textContent('#summary [data-policy]'));
  assert.match(await page.textContent('#summary [data-policy]'), /The recipient's domain \(dane\.example\) publishes DANE \(as looked up now, not at delivery\)/);
  assert.deepEqual(await hopAttributes(page), verdicts);

  // Another recipient: its own lookup decides.
  await paste(page, message('nodnssec.example'));
  await page.locator('[data-action="lookup"][data-domain="nodnssec.example"]').waitFor();
  assert.equal(await outcome(), 'cannot-tell', 'the earlier lookup was of another domain');
  await lookUp(page, 'nodnssec.example');
  await settle(page);
  assert.equal(await outcome(), 'fail');
  assert.equal(await page.locator('[data-lookup]').count(), 1, 'the earlier lookup is gone');
  await page.screenshot({ path: join(artifacts, 'lookup-policy.png'), fullPage: true });
  assert.deepEqual(await cspViolations(page), []);
});
