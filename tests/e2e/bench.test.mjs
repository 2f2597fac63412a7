// Benchmark, not a timed test: the core's analysis as the page runs it, compiled to wasm, in
// headless Chromium, on the same inputs as the native benchmark (`cargo bench -p hopscope-core`,
// crates/core/benches/inputs.rs). It prints µs per analysis and µs per KB; it asserts only that
// the work was done (every run found its hops), never a duration, so a busy machine cannot fail
// it. Two paths are measured:
//
// - the engine in a Web Worker (how the page analyses what is pasted): the engine's `bench`
//   request times `hopscope_core::analyze` alone with performance.now();
// - the page's own wasm through the JavaScript API, `window.hopscope.analyze(text)`, which also
//   builds the report as a JavaScript object (serde-wasm-bindgen).
//
// HOPSCOPE_BENCH_RUNS sets the runs of the typical input (default 2,000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuite, root, engineFiles } from './harness.mjs';

const { open } = browserSuite();

/** The string literals of a Rust `const NAME` in inputs.rs (only \r \n \t \" \\ escapes). */
function rustStrings(source, name) {
  // From the `=` to the blank line that ends the item (a `;` may be inside a literal).
  const start = source.indexOf('=', source.indexOf(`pub const ${name}`));
  const body = source.slice(start, source.indexOf('\n\n', start));
  const escapes = { r: '\r', n: '\n', t: '\t', '"': '"', '\\': '\\' };
  return [...body.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(([, s]) => s.replace(/\\(.)/g, (_, c) => escapes[c]));
}

const inputs = readFileSync(join(root, 'crates', 'core', 'benches', 'inputs.rs'), 'utf8');
const HOPS = rustStrings(inputs, 'HOPS');
const [OTHER] = rustStrings(inputs, 'OTHER');
/** inputs::typical(): ten Received headers and the usual others. */
const typical = HOPS.join('') + OTHER;
/** inputs::sized(bytes): Received headers cycled until the size is reached, then the others. */
function sized(bytes) {
  let s = '';
  for (let i = 0; ; i += 1) {
    const hop = HOPS[i % HOPS.length];
    if (s.length > 0 && s.length + hop.length + OTHER.length > bytes) break;
    s += hop;
  }
  return s + OTHER;
}

test('benchmark: the analysis in wasm in Chromium, per message and per KB', async () => {
  assert.equal(HOPS.length, 10, 'inputs.rs read: ten Received headers');
  const { page } = await open('bench');
  const [script] = [...engineFiles()].filter((f) => f.startsWith('engine-'));
  const runs = Number(process.env.HOPSCOPE_BENCH_RUNS ?? 2000);
  const cases = [
    ['typical (10 hops)', typical, runs],
    ['1 KB', sized(1024), runs],
    ['64 KB', sized(64 * 1024), 40],
    ['1 MB', sized(1024 * 1024), 4],
    ['10 MB', sized(10 * 1024 * 1024), 1],
  ];
  const lines = [];
  for (const [name, text, n] of cases) {
    const expected = (text.match(/^Received:/gm) ?? []).length;
    // In a worker, as the page analyses. A new worker compiles the engine with V8's baseline
    // compiler first and swaps in optimised code in the background once functions are hot: the
    // figure wanted is that steady state (an audit runs for minutes), so the worker is warmed
    // for two seconds, then the best of three measured requests is kept.
    const worker = await page.evaluate(async ({ script, text, n }) => {
      const w = new Worker(new URL(script, location.href), { type: 'module' });
      let id = 0;
      const ask = (runs) => new Promise((resolve, reject) => {
        id += 1;
        const mine = id;
        w.onmessage = ({ data }) => {
          if (data.id !== mine) return;
          if (data.type === 'done') resolve(data.result);
          else if (data.type === 'error') reject(new Error(data.message));
        };
        w.postMessage({ id: mine, kind: 'bench', text, runs });
      });
      const warm = performance.now();
      while (performance.now() - warm < 2000) await ask(Math.min(n, 20));
      let best = null;
      for (let round = 0; round < 3; round += 1) {
        const result = await ask(n);
        if (best === null || result.ms < best.ms) best = result;
      }
      w.terminate();
      return best;
    }, { script, text, n });
    assert.equal(worker.hops, expected * n, `${name}: every run found the ${expected} hops`);
    // On the page's thread, through the JavaScript API (the report becomes a JS object).
    // Warmed the same way (the page's wasm is already hot from earlier cases, bar the first).
    const api = await page.evaluate(({ text, n }) => {
      let hops = window.hopscope.analyze(text).hops.length;
      const warm = performance.now();
      while (performance.now() - warm < 1000) window.hopscope.analyze(text);
      const start = performance.now();
      for (let i = 0; i < n; i += 1) hops += window.hopscope.analyze(text).hops.length;
      return { ms: performance.now() - start, hops };
    }, { text, n: Math.max(1, Math.floor(n / 2)) });
    assert.equal(api.hops, expected * (Math.max(1, Math.floor(n / 2)) + 1), `${name}: the API found the hops`);
    const us = (ms, runs) => (1000 * ms) / runs;
    const kb = text.length / 1024;
    const w = us(worker.ms, n);
    const a = us(api.ms, Math.max(1, Math.floor(n / 2)));
    lines.push(`  ${name.padEnd(18)} ${String(text.length).padStart(9)} B  engine (worker): ${w.toFixed(1).padStart(9)} µs/analysis ${(w / kb).toFixed(1).padStart(6)} µs/KB   JS API: ${a.toFixed(1).padStart(9)} µs/analysis ${(a / kb).toFixed(1).padStart(6)} µs/KB`);
  }
  console.log(`Analysis in wasm, headless Chromium (${runs} runs of the typical input; native figures: cargo bench -p hopscope-core):\n${lines.join('\n')}`);
});
