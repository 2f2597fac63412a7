// Trunk's one post_build hook (Trunk.toml). Hooks of one stage run at the same time, so the
// steps that must follow each other are one hook, in order:
//   1. engine-files.mjs: the engine's files get content-hashed names, and index.html names
//      the engine's entry point;
//   2. precache.mjs: sw.js lists every file of the build (the engine's hashed files included)
//      with its SRI hash.
await import('./engine-files.mjs');
await import('./precache.mjs');
