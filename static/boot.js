// Starts the WebAssembly app. Lives in a file (not inline) so the Content-Security-Policy can
// forbid inline scripts; Trunk writes the hashed file names into the data attributes of the
// <script id="hopscope-boot"> tag that loads this file.
const tag = document.getElementById('hopscope-boot');
// Before the app tidies it away.
const startHash = location.hash;
const bindings = await import(tag.dataset.js);
await bindings.default({ module_or_path: tag.dataset.wasm });
// The engine (static/engine.js: analysis off the main thread, files, share links, exports) is
// not loaded now: the app imports it when it first needs it.
bindings.engine_loader(() => import(tag.dataset.engine));
// Audit a mailbox: static/audit.js, via the engine's module, on first use.
const audit = () => import(tag.dataset.engine).then((engine) => engine.audit());
addEventListener('change', ({ target }) => {
  if (!target.matches?.('[data-audit-input],[data-audit-folder]') || !target.files?.length) return;
  const files = [...target.files];
  target.value = '';
  audit().then((a) => a.run(files));
});
const panel = (event) => event.target.closest?.('#audit') && event.dataTransfer?.types.includes('Files');
addEventListener('dragover', (event) => panel(event) && event.preventDefault());
addEventListener('drop', (event) => {
  if (!panel(event)) return;
  event.preventDefault();
  const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  const files = [...event.dataTransfer.files];
  audit().then((a) => a.drop(entries, files));
});
const linked = (hash) => /^#a\d+\./.test(hash) && audit().then((a) => a.link(hash.slice(1)));
addEventListener('hashchange', () => linked(location.hash));
linked(startHash);
// The embedding API: hopscope.analyze(text) returns the report as a plain object (the same
// shape as `hopscope analyze --format json`).
window.hopscope = Object.freeze({ analyze: bindings.analyze, version: bindings.version?.() });
dispatchEvent(new CustomEvent('hopscope-ready'));
