// Hopscope's engine (crates/engine, the page's second WebAssembly module) and the pool of
// workers that runs it. Nothing of it loads with the page: the page imports this module the
// first time it needs the engine (or the person reaches for the input; boot.js hands the app
// the import), and the file then plays two parts:
//
// - On the page, the pool, exported as `pool`: { send(message, transfer, group), cancel(id),
//   warmUp(), onreply }. It starts module workers of this same file (up to one per core, at
//   most 4) and hands each request to a free one. In a browser without (module) workers, or
//   where a worker cannot load the engine, it runs the engine on the page's own thread
//   instead, behind the same interface.
// - In a worker: the engine itself, serving one request at a time.
//
// Requests are { id, kind, ... }; replies { id, type: 'piece' | 'progress' | 'done' | 'error',
// ... }, ending with one 'done' or 'error' (`fatal: 'crash'` when the engine stopped on a bug,
// `fatal: 'unavailable'` when it cannot run in this browser). A request sent with a group
// supersedes the older requests of that group: queued ones are dropped, a running one is
// stopped by terminating its worker. The protocol is in ARCHITECTURE.md ("The engine").
//
// The build (scripts/engine-files.mjs, a trunk post-build hook) replaces the two file names
// below with the content-hashed names of the engine's files, then names this file by its own
// content hash, so the page, this file and the engine always come from one build.
const ENGINE_JS = './hopscope-engine.js';
const ENGINE_WASM = './hopscope-engine_bg.wasm';

let engine = null;
let broken = null;

/** The engine's module, loaded and instantiated once. */
function load() {
  engine ??= import(ENGINE_JS).then(async (module) => {
    await module.default({ module_or_path: new URL(ENGINE_WASM, import.meta.url) });
    return module;
  });
  return engine;
}

/** Serves one request with the engine on this thread, replying through `reply`. */
async function handle(request, reply) {
  try {
    await load();
  } catch (error) {
    reply({ id: request.id, type: 'error', fatal: 'load', message: String(error?.message ?? error) }, []);
    return;
  }
  if (broken) {
    reply({ id: request.id, type: 'error', fatal: 'crash', message: broken }, []);
    return;
  }
  try {
    await (await engine).serve(request, reply);
  } catch (error) {
    // A trap (a bug: Rust panics abort): this instance's memory cannot be trusted any more.
    broken = String(error?.message ?? error);
    reply({ id: request.id, type: 'error', fatal: 'crash', message: broken }, []);
  }
}

const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;

if (inWorker) {
  self.onmessage = ({ data }) => handle(data, (message, transfer) => self.postMessage(message, transfer));
  // A worker is started when a request is near (or made): load the engine now, not then.
  load().catch(() => {});
}

const last = (reply) => reply.type === 'done' || reply.type === 'error';

/** The pool (on the page; `null` in a worker). */
export const pool = inWorker ? null : {
  mode: typeof Worker === 'function' ? 'workers' : 'here',
  slots: [],
  queue: [],
  onreply: null,

  send(message, transfer = [], group = null) {
    if (group) {
      this.queue = this.queue.filter((job) => job.group !== group);
      for (const slot of this.slots.filter((s) => s.job?.group === group)) this.stop(slot);
    }
    this.queue.push({ message, transfer, group, sent: performance.now() });
    this.pump();
  },

  cancel(id) {
    this.queue = this.queue.filter((job) => job.message.id !== id);
    const slot = this.slots.find((s) => s.job?.message.id === id);
    if (slot) this.stop(slot);
    this.pump();
  },

  /** Starts the engine before the request that is probably coming. */
  warmUp() {
    if (this.slots.length === 0) this.spawn();
  },

  /** Stops a running request: its worker is terminated (a new one starts when needed). The
   *  engine on this thread cannot be stopped: the rest of its replies are ignored. */
  stop(slot) {
    if (this.mode === 'here') {
      slot.ignoring = slot.job.message.id;
      slot.job = null;
      return;
    }
    slot.port.terminate();
    this.slots.splice(this.slots.indexOf(slot), 1);
  },

  pump() {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job && s.ignoring == null);
      if (!slot) {
        const room = this.mode === 'workers' ? Math.min(Math.max(navigator.hardwareConcurrency || 1, 1), 4) : 1;
        // A lookup mostly waits for the network (seconds, when a DNS service does not answer):
        // its worker does not count, so that analysis never waits behind one.
        const waiting = this.mode === 'workers' ? this.slots.filter((s) => s.job?.message.kind === 'lookup').length : 0;
        if (this.mode === 'unavailable' || this.slots.length - waiting >= room) break;
        slot = this.spawn();
      }
      const job = this.queue.shift();
      slot.job = job;
      try {
        slot.port.postMessage(job.message, job.transfer);
      } catch (error) {
        slot.job = null;
        this.onreply?.({ id: job.message.id, type: 'error', fatal: 'crash', message: String(error?.message ?? error) });
      }
    }
    if (this.mode === 'unavailable') {
      for (const job of this.queue.splice(0)) this.onreply?.({ id: job.message.id, type: 'error', fatal: 'unavailable' });
    }
  },

  spawn() {
    let port;
    if (this.mode === 'workers') {
      try {
        port = new Worker(import.meta.url, { type: 'module', name: 'hopscope-engine' });
      } catch {
        this.mode = 'here';
      }
    }
    if (this.mode === 'here') {
      port = {
        onmessage: null,
        onerror: null,
        postMessage(request) {
          handle(request, (message) => setTimeout(() => port.onmessage?.({ data: message })));
        },
        terminate() {},
      };
    }
    const slot = { port, job: null, ignoring: null, answered: false };
    port.onmessage = ({ data }) => this.receive(slot, data);
    port.onerror = () => this.failed(slot);
    this.slots.push(slot);
    return slot;
  },

  receive(slot, reply) {
    if (reply.fatal === 'load') return this.failed(slot);
    slot.answered = true;
    if (slot.ignoring === reply.id) {
      if (last(reply)) {
        slot.ignoring = null;
        this.pump();
      }
      return;
    }
    if (slot.job?.message.id !== reply.id) return;
    if (last(reply)) {
      // "hopscope engine: analyze" and so on, from sending to the last reply, in the browser's
      // performance timeline (devtools, and the e2e suite's long-task measurement).
      try {
        performance.measure(`hopscope engine: ${slot.job.message.kind}`, { start: slot.job.sent, detail: { id: reply.id } });
      } catch {}
      slot.job = null;
      // A crash: this engine instance is done for; a new one starts for the next request.
      if (reply.fatal) this.discard(slot);
    }
    this.onreply?.(reply);
    if (last(reply)) this.pump();
  },

  discard(slot) {
    slot.port.terminate();
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (this.mode === 'here') this.mode = 'unavailable';
  },

  /** A worker failed to load (its script or the engine's wasm) or raised an error outside a
   *  request. One that never answered means workers do not work here: every request goes
   *  back to the queue and the engine runs on this thread; failing there too, it is
   *  unavailable. Otherwise the worker is replaced and its request fails. */
  failed(slot) {
    if (!this.slots.includes(slot)) return;
    if (!slot.answered && this.mode !== 'unavailable') {
      const jobs = this.slots.map((s) => s.job).filter(Boolean);
      for (const s of this.slots) s.port.terminate();
      this.slots = [];
      this.queue.unshift(...jobs);
      this.mode = this.mode === 'workers' ? 'here' : 'unavailable';
    } else {
      const job = slot.job;
      this.discard(slot);
      if (job) this.onreply?.({ id: job.message.id, type: 'error', fatal: 'crash', message: 'the engine stopped unexpectedly' });
    }
    this.pump();
  },
};

