// Starts Hopscope's engine (crates/engine): the page's second WebAssembly module, loaded only
// when the page first needs it. The page loads this file as a module Web Worker; a browser
// without workers loads it as a module script instead, and gets the same engine on its own
// thread behind the same interface (postMessage / onmessage / terminate). The protocol is in
// ARCHITECTURE.md ("The engine").
//
// The build (scripts/engine-files.mjs, a trunk post-build hook) replaces the two file names
// below with the content-hashed names of the engine's files, then names this file by its own
// content hash, so the page, this file and the engine always come from one build.
import init, { serve } from './hopscope-engine.js';

const ready = init({ module_or_path: new URL('./hopscope-engine_bg.wasm', import.meta.url) });
let broken = null;

async function handle(request, reply) {
  try {
    await ready;
  } catch (error) {
    // The engine's files could not be loaded: no request can be served by this instance.
    reply({ id: request.id, type: 'error', fatal: 'load', message: String(error?.message ?? error) }, []);
    return;
  }
  if (broken) {
    reply({ id: request.id, type: 'error', fatal: 'crash', message: broken }, []);
    return;
  }
  try {
    await serve(request, reply);
  } catch (error) {
    // A trap (a bug: Rust panics abort): this instance's memory cannot be trusted any more.
    broken = String(error?.message ?? error);
    reply({ id: request.id, type: 'error', fatal: 'crash', message: broken }, []);
  }
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = ({ data }) => handle(data, (message, transfer) => self.postMessage(message, transfer));
} else {
  // No workers: the page's own thread. Replies are delivered in tasks of their own, as a
  // worker's messages would be.
  const port = {
    onmessage: null,
    postMessage(request) {
      handle(request, (message) => setTimeout(() => port.onmessage?.({ data: message })));
    },
    terminate() {
      port.onmessage = null;
    },
  };
  dispatchEvent(new CustomEvent('hopscope-engine', { detail: port }));
}
