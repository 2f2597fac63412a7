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
// - On the page, also the opt-in lookups panel (`lookups` below): plain DOM drawn into the
//   app's empty `#lookup` section, so that the page's first load carries none of it.
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
// The mailbox audit's view and controller (static/audit.js), imported when an audit starts.
const AUDIT_JS = './audit.js';

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

/** Requests asked to stop (`{kind: 'stop', target}`): a long request (an audit) asks
 *  `control.stopped()` between slices of its work and ends early, with what it has done. */
const stops = new Set();

/** Serves one request with the engine on this thread, replying through `reply`. */
async function handle(request, reply) {
  if (request.kind === 'stop') {
    stops.add(request.target);
    return;
  }
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
    const control = { stopped: () => stops.has(request.id) };
    await (await engine).serve(request, reply, control);
    stops.delete(request.id);
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

  /** Replies to requests sent with their own handler (`send`'s `onreply`), by id. */
  handlers: new Map(),

  /** Hands a reply to its request's own handler, or to `onreply`. */
  deliver(reply) {
    const own = this.handlers.get(reply.id);
    if (!own) return this.onreply?.(reply);
    if (last(reply)) this.handlers.delete(reply.id);
    own(reply);
  },

  /** Asks a running (or queued) request to stop early: it answers with what it has done. */
  signal(id) {
    const slot = this.slots.find((s) => s.job?.message.id === id);
    if (slot) slot.port.postMessage({ kind: 'stop', target: id });
    else if (this.queue.some((job) => job.message.id === id)) {
      this.queue = this.queue.filter((job) => job.message.id !== id);
      this.deliver({ id, type: 'error', message: 'stopped before it started', stopped: true });
    }
  },

  send(message, transfer = [], group = null, onreply = null) {
    if (onreply) this.handlers.set(message.id, onreply);
    if (group) {
      this.queue = this.queue.filter((job) => job.group !== group);
      for (const slot of this.slots.filter((s) => s.job?.group === group)) this.stop(slot);
    }
    // An audit's requests wait behind everything else, so the page's own work (an analysis
    // while an audit runs) goes to the next free worker first.
    const job = { message, transfer, group, sent: performance.now(), background: message.kind === 'audit' };
    const behind = job.background ? -1 : this.queue.findIndex((j) => j.background);
    this.queue.splice(behind < 0 ? this.queue.length : behind, 0, job);
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
        this.deliver({ id: job.message.id, type: 'error', fatal: 'crash', message: String(error?.message ?? error) });
      }
    }
    if (this.mode === 'unavailable') {
      for (const job of this.queue.splice(0)) this.deliver({ id: job.message.id, type: 'error', fatal: 'unavailable' });
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
    const job = slot.job;
    // The domains an analysis offers to look up go to the lookups panel, before the report
    // reaches the app.
    if (job.message.kind === 'analyze' && reply.type === 'done') lookups.offer(reply.result, this);
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
    this.deliver(reply);
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
      if (job) this.deliver({ id: job.message.id, type: 'error', fatal: 'crash', message: 'the engine stopped unexpectedly' });
    }
    this.pump();
  },
};

let audits = null;
/** The mailbox audit (static/audit.js), started on the page's first use of it, with this pool. */
export function audit() {
  audits ??= import(AUDIT_JS).then((module) => module.start(pool));
  return audits;
}

// The opt-in lookups (issue 13, part 3): for the recipient's and the sender's domain of the
// report on screen (the engine chose them with its analysis), a button that asks one public
// DNS-over-HTTPS service — the one chosen here — what the domain publishes now (MTA-STS,
// DANE, TLS-RPT), and the answer, item by item, as the engine worded it. Nothing is asked
// before a click; the requests go from the engine (crates/engine/src/lookup.rs), and the
// Content-Security-Policy's connect-src names exactly these services. Everything shown is
// set as text (`textContent`), never as markup: part of it comes from DNS and from the message.
// A lookup never touches a verdict: the app hears only what the recipient's domain publishes,
// for a policy's recipient requirement (`{type: 'recipient', requirement}` through `onreply`).
const RESOLVERS = [['google', 'Google Public DNS (dns.google)'], ['cloudflare', 'Cloudflare (cloudflare-dns.com)']];
const ROLES = [['recipient', "The recipient's"], ['sender', "The sender's"]];

const lookups = {
  domains: null,
  resolver: RESOLVERS[0][0],
  results: {},
  asked: 0,

  /** An analysis's offer: `{domains, recipient?: [domain, where], sender?: […]}` or nothing. */
  offer(result, pool) {
    const domains = result?.domains ?? null;
    if (domains === this.domains) return;
    if (this.results.recipient?.requirement) pool.deliver({ id: 0, type: 'recipient', requirement: null });
    this.domains = domains;
    this.results = {};
    this.pool = pool;
    this.offered = result;
    this.draw();
  },

  /** Draws the panel afresh (after an offer): the app leaves `#lookup` empty and never touches
   *  what is in it. */
  draw() {
    const panel = document.getElementById('lookup');
    if (!panel) return;
    if (!this.domains) return panel.replaceChildren();
    const select = el('select', { id: 'lookup-resolver', 'data-lookup-resolver': '' },
      ...RESOLVERS.map(([value, label]) => Object.assign(el('option', { value }, label), { selected: value === this.resolver })));
    select.onchange = () => { this.resolver = select.value; };
    panel.replaceChildren(
      el('h2', { id: 'lookup-title' }, "Look up the domains' TLS policies"),
      el('p', { class: 'help' }, 'The headers show whether each hop was encrypted, not whether it had to be: '
        + 'DNS tells what a domain asks of senders now (MTA-STS, DANE, TLS-RPT). Nothing is looked up until you click.'),
      el('p', { class: 'policy-pick' }, el('label', { for: 'lookup-resolver' }, 'DNS resolver '), select),
      ...ROLES.filter(([role]) => this.offered[role]).map(([role, whose]) => {
        const [domain, where] = this.offered[role];
        const button = el('button', { type: 'button', 'data-action': 'lookup', 'data-domain': domain }, `Look up the TLS policies of ${domain}`);
        const result = el('div', { class: 'lookup-result', 'aria-live': 'polite' });
        button.onclick = () => this.lookUp(role, button, result);
        return el('div', { class: 'lookup-domain', 'data-lookup-role': role }, button,
          el('p', { class: 'help' }, `${whose} domain, from ${where}. Sends only this domain name to the DNS resolver you choose.`),
          result);
      }));
  },

  lookUp(role, button, result) {
    const domains = this.domains;
    const resolver = RESOLVERS.find(([value]) => value === this.resolver);
    button.disabled = true;
    show(result, 'running', el('p', {}, `Looking up… (asking ${resolver[1]})`));
    const message = { id: `lookup-${++this.asked}`, kind: 'lookup', domains, role, resolver: resolver[0] };
    this.pool.send(message, [], `lookup-${role}`, (reply) => {
      if (!last(reply) || domains !== this.domains) return;
      button.disabled = false;
      if (reply.type === 'error') {
        const why = reply.fatal ? 'the part of Hopscope that looks domains up stopped or could not be loaded. Try again, or reload the page.' : reply.message;
        return show(result, 'error', el('p', { class: 'error' }, `The lookup failed: ${why}`));
      }
      const found = reply.result;
      this.results[role] = found;
      show(result, 'done',
        el('p', {}, found.heading),
        el('ul', { class: 'lookup-items' }, ...found.items.map(([status, label, text]) => el('li', { 'data-lookup-item': '', 'data-status': status },
          el('strong', {}, label), `: ${text}`))),
        el('ul', {}, ...found.findings.map(([tone, slug, text]) => el('li', { 'data-lookup-finding': slug, 'data-tone': tone }, text))),
        el('p', { class: 'help' }, `${found.note} Asked ${found.resolver}.`));
      if (role === 'recipient') this.pool.deliver({ id: 0, type: 'recipient', requirement: found.requirement ?? null });
    });
  },
};

/** An element with attributes and children (strings become text nodes: never markup). */
function el(name, attributes, ...children) {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  element.append(...children);
  return element;
}

/** A lookup's state (`data-lookup`, `data-state`) and what it says. */
function show(result, state, ...children) {
  result.setAttribute('data-lookup', '');
  result.setAttribute('data-state', state);
  result.replaceChildren(...children);
}
