// End-to-end: the engine (crates/engine), the page's second wasm. What loads at startup and what
// only on first use; analysis off the main thread (long tasks measured with a
// PerformanceObserver); a newer paste stopping an older analysis; and the same page without
// Web Workers, where the engine runs on the page's own thread. Run by `make test` after
// `trunk build`, like app.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuite, root, dist, paste, clipboardPaste, settle, hopAttributes, cspViolations, cliReport, engineFiles } from './harness.mjs';

const { open } = browserSuite();

const mixed = readFileSync(join(root, 'tests', 'e2e', 'inputs', 'mixed-chain.txt'), 'utf8');

/** The 5 MB paste of app.test.mjs: the mixed chain's Received lines, repeated (28,000 hops). */
function fiveMegabytes() {
  const block = mixed.split('\nFrom:')[0];
  const received = block.split('\n').filter((l) => !l.startsWith('Return-Path') && !l.startsWith('Delivered-To')).join('\n') + '\n';
  return 'Return-Path: <dana@example.org>\n' + received.repeat(Math.ceil((5 * 1024 * 1024) / received.length));
}

/** Records long tasks and long animation frames from the start, for `longTasks`. */
const OBSERVE = () => {
  window.__long = [];
  window.__frames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__frames.push({ start: e.startTime, script: Math.max(0, ...e.scripts.map((s) => s.duration)) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
};

/**
 * Long tasks after `since`: all of them, and those that ran while the engine analysed: from
 * the task that sent the request to its last answer (the `hopscope engine: analyze` measure the
 * page's engine records in the performance timeline), but not the task that took that answer
 * in and drew the report, which is printed with the others.
 */
function longTasks(page, since) {
  return page.evaluate((since) => {
    const analysis = performance.getEntriesByName('hopscope engine: analyze').filter((m) => m.startTime >= since).pop();
    const after = window.__long.filter((e) => e.start >= since);
    const end = analysis && analysis.startTime + analysis.duration;
    const inside = analysis ? after.filter((e) => e.start < end && e.start + e.ms > analysis.startTime && e.start + e.ms < end) : [];
    const round = (e) => [Math.round(e.start - since), Math.round(e.ms)];
    return {
      analysis: analysis && [Math.round(analysis.startTime - since), Math.round(analysis.duration)],
      all: after.map(round),
      longest: Math.round(Math.max(0, ...after.map((e) => e.ms))),
      inside: inside.map(round),
      longestInside: Math.round(Math.max(0, ...inside.map((e) => e.ms))),
      longestScript: Math.round(Math.max(0, ...window.__frames.filter((e) => e.start >= since).map((e) => e.script))),
    };
  }, since);
}

test('startup loads the first-load files only; the engine loads on first use, with content-hashed names', async () => {
  const { page, log } = await open('startup');
  await page.waitForTimeout(1000);
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const named = (attr) => new RegExp(`${attr}="?\\./([^"\\s>]+)`).exec(html)[1];
  // offline.js registers the service worker; the manifest, which the size report also counts,
  // is fetched by a browser only when it considers installing the page.
  const expected = ['', 'boot.js', named('data-js'), named('data-wasm'), /href="?\.\/(style-[^"\s>]+\.css)/.exec(html)[1]];
  if (/src="?(?:\.\/)?offline\.js/.test(html)) expected.push('offline.js');
  const requested = log.requests.map((r) => new URL(r.url).pathname.slice(1));
  assert.deepEqual([...requested].sort(), [...expected].sort(), 'exactly what the size report counts as the first load');

  const engine = engineFiles();
  for (const file of engine) {
    const bytes = readFileSync(join(dist, file));
    const hash = /-([0-9a-f]{16})(?:_bg)?\.(?:js|wasm)$/.exec(file)?.[1];
    assert.equal(hash, createHash('sha256').update(bytes).digest('hex').slice(0, 16), `${file} is named by its content`);
  }
  assert.ok(!readdirSync(dist).some((f) => /^(engine|hopscope-engine)(_bg)?\.(js|wasm)$/.test(f)), 'no unhashed engine file is left in dist/');

  // Reaching for the box starts the engine (a module worker), before anything is pasted.
  const worker = page.waitForEvent('worker');
  await page.focus('textarea#headers');
  assert.ok(engine.has(new URL((await worker).url()).pathname.slice(1)), 'the worker runs the engine script');
  await paste(page, mixed);
  const shown = await hopAttributes(page);
  assert.deepEqual(shown, cliReport(mixed).hops.map((h) => ({ hop: h.index, verdict: h.verdict, scope: h.scope })));
  const loaded = log.requests.map((r) => new URL(r.url).pathname.slice(1)).filter((f) => engine.has(f));
  // The mailbox audit's view (audit-<hash>.js) is one of the engine's files, loaded only when
  // an audit starts (tests/e2e/audit.test.mjs).
  const forAnalysis = new Set([...engine].filter((f) => !f.startsWith('audit-')));
  assert.equal(forAnalysis.size, engine.size - 1, 'the audit view is one of the engine files');
  assert.deepEqual(new Set(loaded), forAnalysis, 'the engine files, and only those, were loaded after startup (not the audit view)');
  assert.deepEqual(await cspViolations(page), [], 'workers are allowed by worker-src \'self\'');
  assert.deepEqual(log.errors, []);
});

test('a 5 MB paste: no long task on the main thread while the engine analyses it', async () => {
  const { page } = await open('long-tasks', { init: [OBSERVE] });
  // The person clicks into the box, then pastes: the engine starts on the click.
  const worker = page.waitForEvent('worker');
  await page.focus('textarea#headers');
  await worker;
  const since = await clipboardPaste(page, fiveMegabytes());
  const hops = await page.evaluate(() => document.querySelectorAll('[data-hop][data-verdict]').length);
  assert.ok(hops > 0, 'the report is on screen');
  assert.match(await page.inputValue('textarea#headers'), /The report covers all of it/, 'the box shows the beginning');
  const tasks = await longTasks(page, since);
  console.log(`5 MB paste, engine in a worker: analysis ${JSON.stringify(tasks.analysis)} ms (start, duration); long tasks [start, ms]: ${JSON.stringify(tasks.all)}; longest ${tasks.longest} ms (longest script in a frame ${tasks.longestScript} ms); longest while analysing ${tasks.longestInside} ms`);
  assert.ok(tasks.analysis, 'the engine analysed it');
  // What issue 12 asks: while the paste is analysed, the page's thread only takes in the
  // report's pieces (500 hops each, a few ms), so no task there comes near the analysis itself.
  // Measured on this 2-core machine: 0-20 ms when idle, 74-86 ms with the machine busy (the
  // analysis itself then took 1.5 s). Durations belong in the printed figures above, not in a
  // bound a busy machine fails; what is asserted is what only the worker path gives: no task on
  // the page's thread takes a large share of the analysis. The old main-thread path put the
  // whole analysis in one task (its longest task is the analysis; see the no-worker test).
  const [, duration] = tasks.analysis;
  assert.ok(tasks.longestInside < duration / 4, `a task of ${tasks.longestInside} ms on the page's thread during an analysis of ${duration} ms: ${JSON.stringify(tasks.inside)}`);
});

test('a newer paste stops the analysis still running, and only its report is shown', async () => {
  const { page } = await open('supersede');
  const closed = [];
  page.on('worker', (w) => w.on('close', () => closed.push(w.url())));
  const first = page.waitForEvent('worker');
  await page.focus('textarea#headers');
  await first;
  const big = fiveMegabytes();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.querySelector('textarea#headers').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, big);
  await page.waitForTimeout(100);
  await page.click('#clear');
  await paste(page, mixed);
  const shown = await hopAttributes(page);
  assert.equal(shown.length, 6, 'the report of the newer text');
  await page.waitForTimeout(1500);
  assert.equal((await hopAttributes(page)).length, 6, 'the older, larger report never replaces it');
  assert.ok(closed.length >= 1, 'the worker analysing the older text was stopped');
  const measures = await page.evaluate(() => performance.getEntriesByName('hopscope engine: analyze').map((m) => Math.round(m.duration)));
  console.log(`analyses answered after the 5 MB one was stopped (a fresh worker, engine loaded again): ${measures.join(', ')} ms`);
});

test('without Web Workers the same engine runs on the page\'s thread', async () => {
  const { page, log } = await open('no-worker', { init: [() => { delete window.Worker; }, OBSERVE] });
  assert.equal(await page.evaluate(() => typeof Worker), 'undefined');
  await paste(page, mixed);
  assert.deepEqual(await hopAttributes(page), cliReport(mixed).hops.map((h) => ({ hop: h.index, verdict: h.verdict, scope: h.scope })));
  // Share links, exports and examples come from the same engine here.
  await page.click('[data-action="share"]');
  await page.waitForSelector('#share-panel input[data-share-url]');
  assert.match(await page.inputValue('input[data-share-url]'), /#r2\./);
  await page.click('[data-action="share"]');
  await page.click('[data-example="gmail"]');
  await settle(page);
  assert.ok((await page.inputValue('textarea#headers')).includes('Received:'));

  // The measurement of the test above catches an analysis on this thread: it is one long task.
  const since = await clipboardPaste(page, fiveMegabytes());
  const tasks = await longTasks(page, since);
  console.log(`5 MB paste, engine on the page's thread (no workers): long tasks [start, ms]: ${JSON.stringify(tasks.all)}; longest while analysing ${tasks.longestInside} ms`);
  assert.ok(tasks.longestInside > 50, 'without a worker, the analysis blocks the page, as the old path did');
  assert.ok((await page.evaluate(() => document.querySelectorAll('[data-hop][data-verdict]').length)) > 0);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);
});
