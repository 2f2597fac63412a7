// Starts the WebAssembly app. Lives in a file (not inline) so the Content-Security-Policy can
// forbid inline scripts; Trunk writes the hashed file names into the data attributes of the
// <script id="hopscope-boot"> tag that loads this file.
const tag = document.getElementById('hopscope-boot');
const bindings = await import(tag.dataset.js);
await bindings.default({ module_or_path: tag.dataset.wasm });
// The engine (static/engine.js: analysis off the main thread, files, share links, exports) is
// not loaded now: the app imports it when it first needs it.
bindings.engine_loader(() => import(tag.dataset.engine));
// The embedding API: hopscope.analyze(text) returns the report as a plain object (the same
// shape as `hopscope analyze --format json`).
window.hopscope = Object.freeze({ analyze: bindings.analyze, version: bindings.version?.() });
dispatchEvent(new CustomEvent('hopscope-ready'));
