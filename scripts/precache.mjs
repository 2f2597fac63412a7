// Writes the service worker into a built page: `sw.js` = the list of every file of the build,
// each with its SRI hash, and the worker's code (static/sw.js). The worker keeps exactly these
// files, so the page works offline after one visit; any change to any file changes sw.js, which
// is how browsers find a new version.
//
// Run by trunk as its last step (Trunk.toml, [[hooks]] stage post_build) on the staging
// directory, after trunk has written every file: files other steps add (another wasm module, a
// worker script) are listed without anyone editing a list. By hand, on any built directory:
//   node scripts/precache.mjs dist
//
// HOPSCOPE_OFFLINE=off (set by `make serve`): development. sw.js is then static/sw-off.js, a
// worker that removes itself and any kept files, and index.html loads no offline.js, so a
// browser never shows a stale build while developing.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/precache.mjs DIR (or run by trunk, which sets TRUNK_STAGING_DIR)');
  process.exit(2);
}
const off = process.env.HOPSCOPE_OFFLINE === 'off';

// Not part of the page: the worker itself, the hosts' header file, hidden files (trunk's
// staging directory inside dist/).
const skipped = (name) => name === 'sw.js' || name === '_headers' || name.startsWith('.');

function walk(at) {
  return readdirSync(at).sort().flatMap((name) => {
    if (skipped(name)) return [];
    const path = join(at, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

if (off) {
  const index = join(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const without = html.replace(/<script\b[^>]*\boffline\.js\b[^>]*><\/script>/g, '');
  if (without === html) throw new Error('precache: no <script src="offline.js"> in index.html');
  writeFileSync(index, without);
  writeFileSync(join(dir, 'sw.js'), readFileSync(join(root, 'static', 'sw-off.js')));
  console.log('precache: HOPSCOPE_OFFLINE=off: sw.js removes itself; index.html registers no worker');
  process.exit(0);
}

// trunk's content hash: `name-<16 hex>.ext`, and wasm-bindgen's `name-<16 hex>_bg.wasm`.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;
const files = walk(dir).map((path) => {
  const name = relative(dir, path).split(sep).join('/');
  const integrity = `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
  return [name, integrity, HASHED.test(name)];
});
if (!files.some(([name]) => name === 'index.html')) throw new Error(`precache: ${dir} has no index.html`);
const build = createHash('sha256').update(files.map(([n, i]) => `${n} ${i}\n`).join('')).digest('hex').slice(0, 16);
const list = files.map((f) => `  ${JSON.stringify(f)},`).join('\n');
const worker = readFileSync(join(root, 'static', 'sw.js'), 'utf8');
writeFileSync(join(dir, 'sw.js'), `// Written by scripts/precache.mjs at build time from static/sw.js: do not edit.
const BUILD = '${build}';
const FILES = [
${list}
];

${worker}`);
console.log(`precache: sw.js lists ${files.length} files, build ${build}`);
