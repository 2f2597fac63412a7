// Prints what the built page transfers, raw and brotli (quality 11), in two parts:
//
// - the first load: exactly the files the page fetches at startup, without any action by the
//   person: index.html and what it names (boot.js and the main module and wasm it starts, the
//   stylesheet, preloads, a manifest), against the 200 KiB brotli budget;
// - loaded later, on first use: the engine (static/engine.js, content-hashed, named by the boot
//   tag's data-engine, and the engine's js and wasm that it names), fetched when the person
//   first reaches for the input, opens a file or a share link.
//
// Every other file of dist/ is listed too, so nothing is counted nowhere. A report, not a test:
// the figures are printed for people to read. It exits non-zero only when a file that
// index.html or the engine names is missing from dist/.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { namedByEngine } from './engine-names.mjs';

const dir = process.argv[2] ?? 'dist';
const budget = 200 * 1024;

/** Attributes of every `<tag …>` in `html` (minified HTML leaves values unquoted). */
function tags(html, name) {
  const found = [];
  for (const [, body] of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const attrs = {};
    for (const [, key, value] of body.matchAll(/([\w-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      attrs[key.toLowerCase()] = (value ?? '').replace(/^["']|["']$/g, '');
    }
    found.push(attrs);
  }
  return found;
}

/** A URL of the page as a file name in dist/ (local, relative URLs only). */
const local = (url) => (url && !/^(data|blob|https?):/i.test(url) ? url.replace(/^\.?\//, '').split(/[?#]/)[0] : null);

const html = readFileSync(join(dir, 'index.html'), 'utf8');
const first = ['index.html'];
let engine = null;
for (const script of tags(html, 'script')) {
  first.push(local(script.src), local(script['data-js']), local(script['data-wasm']));
  engine ??= local(script['data-engine']);
}
for (const link of tags(html, 'link')) {
  const rel = (link.rel ?? '').toLowerCase();
  if (['stylesheet', 'modulepreload', 'preload', 'manifest'].includes(rel)) first.push(local(link.href));
  else if (rel === 'icon' || rel === 'apple-touch-icon') first.push(local(link.href));
}

const later = [];
if (engine) {
  later.push(engine);
  later.push(...namedByEngine(dir, engine));
}

const firstLoad = [...new Set(first.filter(Boolean))];
const onUse = [...new Set(later)].filter((f) => !firstLoad.includes(f));

let missing = 0;
function table(title, files) {
  let raw = 0;
  let br = 0;
  console.log(title);
  for (const f of files) {
    const path = join(dir, f);
    if (!existsSync(path)) {
      console.log(`  ${f.padEnd(48)} MISSING from ${dir}/`);
      missing += 1;
      continue;
    }
    const data = readFileSync(path);
    const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    raw += data.length;
    br += b;
    console.log(`  ${f.padEnd(48)} ${String(data.length).padStart(9)} B raw ${String(b).padStart(8)} B brotli`);
  }
  return { raw, br };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const start = table(`First load of ${dir}/ (fetched at startup, before any action):`, firstLoad);
const verdict = start.br <= budget ? `within budget, ${kib(budget - start.br)} to spare` : 'OVER BUDGET';
console.log(`  total: ${kib(start.raw)} raw, ${kib(start.br)} brotli (budget ${budget / 1024} KiB): ${verdict}`);

const lazy = table('Loaded on first use (the engine: analysis off the main thread, files, share links, exports, examples):', onUse);
console.log(`  total: ${kib(lazy.raw)} raw, ${kib(lazy.br)} brotli`);

// sw.js (the service worker) is fetched by the browser once the page has loaded, to keep the
// page's files for offline use: neither first load nor engine.
const AFTER_LOAD = ['sw.js'].filter((f) => existsSync(join(dir, f)) && !firstLoad.includes(f));
if (AFTER_LOAD.length > 0) table('Fetched after load (the service worker, for offline use):', AFTER_LOAD);

const counted = new Set([...firstLoad, ...onUse, ...AFTER_LOAD]);
const others = readdirSync(dir).filter((f) => !counted.has(f) && statSync(join(dir, f)).isFile());
if (others.length > 0) console.log(`Other files in ${dir}/ (not fetched by the page itself): ${others.join(', ')}`);
if (missing > 0) {
  console.error(`${missing} file(s) named by the page are missing from ${dir}/`);
  process.exit(1);
}
