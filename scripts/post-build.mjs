// Trunk's one post_build hook (Trunk.toml). Hooks of one stage run at the same time, so the
// steps that must follow each other are one hook, in order:
//   1. minify.mjs: the JavaScript is minified (release builds), and index.html's integrity
//      hashes follow;
//   2. engine-files.mjs: the engine's files get names from their (final) content, and
//      index.html names the engine's entry point;
//   3. precache.mjs: sw.js lists every file of the build (the engine's hashed files included)
//      with its SRI hash.
import { minifyStage } from './minify.mjs';

const stage = process.env.TRUNK_STAGING_DIR;
if (!stage) throw new Error('post-build.mjs runs as a trunk post_build hook (TRUNK_STAGING_DIR is unset)');
await minifyStage(stage);
await import('./engine-files.mjs');
await import('./precache.mjs');
