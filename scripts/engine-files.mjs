// Trunk post-build hook (Trunk.toml): gives the engine's files content-hashed names, as trunk
// does for the page's own files, so that every file in dist/ may be cached forever and a
// service worker can precache dist/ without ever mixing two builds.
//
// Trunk builds the engine (`<link data-trunk rel="rust" data-type="worker">` in index.html) but
// leaves worker files unhashed (a worker's name must be known at run time). This script, run in
// trunk's staging directory before it becomes dist/:
//   1. renames hopscope-engine.js and hopscope-engine_bg.wasm to hopscope-engine-<hash>…,
//   2. writes static/audit.js (the mailbox audit's view), minified, as audit-<hash>.js, and
//      static/engine.js (the worker pool and the engine's entry point), minified, with those
//      names as engine-<hash>.js,
//   3. puts that name in index.html (the boot tag's data-engine, from Trunk.toml's pattern).
// <hash> is the first 16 hex digits of the file's SHA-256. Any surprise fails the build.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { minifyModule } from './minify.mjs';

const stage = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
if (!stage) throw new Error('engine-files.mjs runs as a trunk post_build hook (TRUNK_STAGING_DIR is unset)');

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Renames `name` (in the staging dir) to its hashed form; returns the new name. */
function hashed(name, ext) {
  const path = join(stage, name);
  if (!existsSync(path)) throw new Error(`engine-files.mjs: ${name} was not built`);
  const bytes = readFileSync(path);
  const base = name.slice(0, -ext.length);
  const renamed = `${base.replace(/_bg$/, '')}-${hash(bytes)}${base.endsWith('_bg') ? '_bg' : ''}${ext}`;
  renameSync(path, join(stage, renamed));
  return renamed;
}

/** `text` with `from` replaced by `to`, which must occur exactly once. */
function replaceOnce(text, from, to, where) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`engine-files.mjs: expected "${from}" once in ${where}, found ${parts.length - 1}`);
  return parts.join(to);
}

const wasm = hashed('hopscope-engine_bg.wasm', '.wasm');
const js = hashed('hopscope-engine.js', '.js');

// The mailbox audit's view (static/audit.js), which engine.js imports on first use.
const auditSource = Buffer.from(await minifyModule(readFileSync(join(source, 'static', 'audit.js'), 'utf8'), 'static/audit.js'));
const audit = `audit-${hash(auditSource)}.js`;
writeFileSync(join(stage, audit), auditSource);

let worker = readFileSync(join(source, 'static', 'engine.js'), 'utf8');
worker = replaceOnce(worker, "'./audit.js'", `'./${audit}'`, 'static/engine.js');
worker = replaceOnce(worker, "'./hopscope-engine.js'", `'./${js}'`, 'static/engine.js');
worker = replaceOnce(worker, "'./hopscope-engine_bg.wasm'", `'./${wasm}'`, 'static/engine.js');
worker = await minifyModule(worker, 'static/engine.js');
const workerName = `engine-${hash(worker)}.js`;
writeFileSync(join(stage, workerName), worker);

const htmlPath = join(stage, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
writeFileSync(htmlPath, replaceOnce(html, './engine.js', `./${workerName}`, 'index.html'));

// A stale unhashed copy must never be served next to the hashed ones.
for (const leftover of ['hopscope-engine.js', 'hopscope-engine_bg.wasm', 'engine.js', 'audit.js']) {
  if (existsSync(join(stage, leftover))) unlinkSync(join(stage, leftover));
}
console.log(`engine files: ${workerName} → ${js}, ${wasm}, ${audit}`);
