// Prints the first-load transfer of the built page: html + js + wasm + css, raw and brotli.
// A report, not a test: the figure is printed for people to read (budget: 200 KB brotli).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const budget = 200 * 1024;
// sw.js (the service worker) is not part of the first load: the browser fetches it after the
// page has loaded, to keep the page for offline use (it is listed below the total).
const AFTER_LOAD = ['sw.js'];
const firstLoad = readdirSync(dir).filter((f) => /\.(html|js|wasm|css)$/.test(f) && !AFTER_LOAD.includes(f));
let raw = 0;
let br = 0;
const rows = [];
for (const f of firstLoad) {
  const data = readFileSync(join(dir, f));
  const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += data.length;
  br += b;
  rows.push(`  ${f.padEnd(44)} ${String(data.length).padStart(9)} B raw ${String(b).padStart(8)} B brotli`);
}
console.log('First-load transfer of', dir);
console.log(rows.join('\n'));
console.log(`  total: ${(raw / 1024).toFixed(1)} KiB raw, ${(br / 1024).toFixed(1)} KiB brotli (budget ${budget / 1024} KiB): ${br <= budget ? 'within budget' : 'OVER BUDGET'}`);
for (const f of AFTER_LOAD.filter((f) => readdirSync(dir).includes(f))) {
  const data = readFileSync(join(dir, f));
  const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`  after load: ${f} ${data.length} B raw, ${b} B brotli (fetched once the page has loaded)`);
}
