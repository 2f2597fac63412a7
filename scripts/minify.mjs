// Trunk post_build step (run by scripts/post-build.mjs first, before engine-files.mjs and
// precache.mjs): minifies the built page's JavaScript with terser, which trunk 0.21's own
// minifier cannot do (it fails on wasm-bindgen's `export { … as default }` and ships the file as
// it is). About 2.6 KiB brotli off the first load (the wasm-bindgen glue, boot.js, offline.js)
// and 2.8 KiB off the engine.
//
// Trunk's hashed names stay as trunk made them (hashes of the unminified text: still one name
// per build); the Subresource Integrity hashes trunk wrote into index.html are replaced by those
// of the minified files. The engine's files are minified here too, before engine-files.mjs
// names them by their content (and minifies the worker pool's script it writes, with
// `minifyModule`); sw.js is written last, from the final files.
//
// Only release builds are minified (trunk's TRUNK_PROFILE=release): a debug build stays readable.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

export const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';

/** `source` (an ES module) minified, or as it is in a debug build. */
export async function minifyModule(source, name) {
  if (!release) return source;
  const { code } = await minify(source, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (!code) throw new Error(`minify.mjs: terser returned nothing for ${name}`);
  return code;
}

/** Minifies every script in the staging directory and updates index.html's integrity hashes. */
export async function minifyStage(stage) {
  if (!release) {
    console.log(`minify: skipped (TRUNK_PROFILE=${process.env.TRUNK_PROFILE})`);
    return;
  }
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const htmlPath = join(stage, 'index.html');
  let html = readFileSync(htmlPath, 'utf8');
  let before = 0;
  let after = 0;
  for (const name of readdirSync(stage).filter((f) => f.endsWith('.js') && f !== 'sw.js')) {
    const path = join(stage, name);
    const source = readFileSync(path);
    // Every script here is an ES module (the page's, the engine's, boot.js, offline.js).
    const code = Buffer.from(await minifyModule(source.toString('utf8'), name));
    writeFileSync(path, code);
    html = html.split(sri(source)).join(sri(code));
    before += source.length;
    after += code.length;
  }
  writeFileSync(htmlPath, html);
  console.log(`minify: JavaScript ${before} → ${after} bytes`);
}
