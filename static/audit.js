// "Audit a mailbox" (issue 9): the controller and the view of a mailbox audit on the page.
// Nothing of it is in the first load: static/engine.js imports this module the first time an
// audit starts (boot.js listens for the file inputs the app renders, for drops on the audit
// panel, and for `#a1.…` links). Only plain DOM: every string from the engine goes into text
// nodes (textContent), never markup.
//
// What runs where:
// - The engine's workers (the pool of static/engine.js, one per core, at most four) do the
//   work: each `audit` request reads its files in 1 MiB slices (Blob.slice: a File posts to a
//   worker without copying, and no file is ever read whole), splits them with the core's
//   MboxSplitter, analyses each header block and counts it into a core Aggregate
//   (crates/engine/src/audit.rs). A large file is a request of its own; small files (.eml,
//   Maildir messages) go in groups, so many files are audited in parallel.
// - This thread only routes replies, sums the progress counts and draws. The workers'
//   aggregates are merged by the engine (`audit-report`), which also writes the JSON (the CLI's,
//   byte for byte), the Markdown and the view (`hopscope_core::aggregate::view`).
// - Cancel asks every running request to stop after its current slice (`pool.signal`); each
//   answers with what it has counted, and the report is marked partial.
//
// Stable hooks (README, "Stable hooks"): `[data-audit]` with `data-state` running | done |
// cancelled | error and, once over, `data-messages`, `data-hops`, `data-encrypted`,
// `data-plaintext`, `data-unknown`; `[data-action="cancel-audit"]`.

/** Files smaller than this are audited in groups; larger ones each in their own request. */
const ALONE_BYTES = 8 << 20;
const GROUP_FILES = 64;
/** A worst message is re-read from its file up to this many bytes (its header is at most 1 MiB). */
const REREAD_BYTES = 2 << 20;

/** The view's rules: a constructed style sheet (CSSOM, which the CSP's style-src does not
 *  govern), so they load with this module and cost the first load nothing. */
const STYLE = `
.audit-run progress { width: 100%; height: 0.9rem; }
.audit-progress { font-variant-numeric: tabular-nums; }
.audit-note { margin: 0.3rem 0; }
.audit-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
.audit-facts dt { font-weight: 600; }
.audit-facts dd { margin: 0; }
.audit-figure { margin: 1rem 0; }
.audit-chart { width: 100%; max-width: 48rem; height: auto; }
.audit-chart .bar-enc { fill: var(--ok); }
.audit-chart .bar-plain { fill: var(--bad); }
.audit-chart .bar-unk { fill: var(--muted); }
.audit-chart-label { font-size: 10px; fill: currentColor; }
.audit-table .table-scroll { overflow-x: auto; }
.audit-table table { border-collapse: collapse; font-size: 0.9rem; }
.audit-table th, .audit-table td { padding: 0.2rem 0.5rem; border-bottom: 1px solid var(--line); text-align: left; }
.audit-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.audit-table button.sort, .audit-table button.link { font: inherit; background: none; border: 0; padding: 0; color: inherit; cursor: pointer; text-decoration: underline dotted; }
.audit-share .share-url { width: 100%; }`;

let pool = null;
let ids = 0;
let current = null;

export function start(enginePool) {
  pool = enginePool;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {}
  return { run, drop, link, cancel };
}

/** One request to the engine, answered by a promise (progress and CSV go to `onpart`). */
function request(message, onpart = null) {
  const id = `audit-${++ids}`;
  const promise = new Promise((resolve, reject) => {
    pool.send({ id, ...message }, [], null, (reply) => {
      if (reply.type === 'done') resolve(reply.result);
      else if (reply.type === 'error') reject(reply);
      else onpart?.(reply);
    });
  });
  return { id, promise };
}

const view = () => document.getElementById('audit-view');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'onclick' || key === 'onchange') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;

function duration(seconds) {
  if (!Number.isFinite(seconds)) return '…';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Files dropped on the audit panel: folders are walked, as a folder input gives them. */
async function drop(entries, files) {
  if (!entries.some((e) => e.isDirectory)) return run(files);
  const found = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((resolve) => entry.file(resolve, () => resolve(null)));
      if (file) found.push({ file, path: entry.fullPath.replace(/^\//, '') });
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return run(found.map((f) => f.file), { paths: found.map((f) => f.path) });
}

/**
 * Audits `files` (a FileList or array). With `paths` (a chosen or dropped folder: each file's
 * path inside it), only the files the CLI would read in that folder are read, in its order.
 */
async function run(fileList, { paths = null } = {}) {
  cancel();
  let files = [...fileList];
  if (!paths && files.some((f) => f.webkitRelativePath)) paths = files.map((f) => f.webkitRelativePath || f.name);
  const audit = { files, stopping: false, running: new Map(), states: [], error: null, started: performance.now() };
  current = audit;
  const box = el('div', { 'data-audit': true, 'data-state': 'running', class: 'audit-run' });
  const bar = el('progress', { max: 1, value: 0, 'aria-label': 'Audit progress' });
  const line = el('p', { class: 'audit-progress', role: 'status' }, 'Starting…');
  const stop = el('button', { type: 'button', class: 'button', 'data-action': 'cancel-audit', onclick: () => cancel() }, 'Cancel');
  box.append(bar, line, stop);
  view().replaceChildren(box);
  audit.box = box;

  let labels = files.map((f) => f.name);
  if (paths) {
    try {
      const { order } = await request({ kind: 'audit-plan', files, paths }).promise;
      labels = order.map((i) => paths[i]);
      files = order.map((i) => files[i]);
      audit.files = files;
    } catch (reply) {
      return failed(audit, reply);
    }
  }
  if (audit !== current) return;
  audit.labels = labels;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const groups = [];
  for (let i = 0; i < files.length; i++) {
    const last = groups.at(-1);
    const small = files[i].size < ALONE_BYTES;
    if (small && last?.small && last.files.length < GROUP_FILES && last.bytes + files[i].size < ALONE_BYTES) {
      last.files.push(files[i]);
      last.labels.push(labels[i]);
      last.bytes += files[i].size;
    } else {
      groups.push({ first: i, files: [files[i]], labels: [labels[i]], bytes: files[i].size, small });
    }
  }
  const progress = new Map();
  let drawing = false;
  const draw = () => {
    drawing = false;
    if (audit !== current || audit.over) return;
    let bytes = 0;
    let messages = 0;
    for (const p of progress.values()) {
      bytes += p.bytes;
      messages += p.messages;
    }
    const seconds = (performance.now() - audit.started) / 1000;
    const rate = bytes / Math.max(seconds, 0.001);
    bar.max = Math.max(total, 1);
    bar.value = bytes;
    line.textContent = `${messages.toLocaleString('en')} messages · ${mb(bytes)} of ${mb(total)} · ${mb(rate)}/s · ${audit.stopping ? 'stopping…' : `about ${duration((total - bytes) / rate)} left`}`;
  };
  const jobs = groups.map((group, g) => {
    const job = request({ kind: 'audit', files: group.files, labels: group.labels, first: group.first, csv: false }, (reply) => {
      if (reply.type !== 'progress') return;
      progress.set(g, reply);
      if (!drawing) {
        drawing = true;
        requestAnimationFrame(draw);
      }
    });
    audit.running.set(job.id, job);
    return job.promise.then(
      (result) => {
        audit.running.delete(job.id);
        audit.states.push(result.state);
      },
      (reply) => {
        audit.running.delete(job.id);
        if (!reply.stopped) audit.error ??= reply.message ?? 'the engine stopped';
      },
    );
  });
  await Promise.all(jobs);
  if (audit !== current) return;
  if (audit.error && audit.states.length === 0) return failed(audit, { message: audit.error });
  let done;
  try {
    done = await request({ kind: 'audit-report', states: audit.states, partial: audit.stopping || !!audit.error }).promise;
  } catch (reply) {
    return failed(audit, reply);
  }
  if (audit !== current) return;
  audit.over = true;
  show(done, { audit, state: audit.stopping ? 'cancelled' : 'done' });
}

function failed(audit, reply) {
  if (audit !== current) return;
  audit.over = true;
  const message = reply?.fatal === 'unavailable'
    ? 'The audit needs the engine, which cannot run in this browser.'
    : `The audit failed: ${reply?.message ?? 'the engine stopped'}.`;
  view().replaceChildren(el('div', { 'data-audit': true, 'data-state': 'error', class: 'audit-run', role: 'alert' }, el('p', {}, message)));
}

/** Stops the running audit: each request answers with what it has counted. */
function cancel() {
  const audit = current;
  if (!audit || audit.over || audit.stopping) return;
  audit.stopping = true;
  for (const id of audit.running.keys()) pool.signal(id);
}

/** Opens an audit share link (`a1.…`), read-only. */
async function link(payload) {
  cancel();
  current = null;
  let done;
  try {
    done = await request({ kind: 'audit-link', payload }).promise;
  } catch (reply) {
    view().replaceChildren(el('div', { 'data-audit': true, 'data-state': 'error', class: 'audit-run', role: 'alert' },
      el('p', {}, reply.message ?? 'This audit link cannot be opened.')));
    view().scrollIntoView?.({ block: 'start' });
    return;
  }
  show(done, { shared: done.hidden });
  view().scrollIntoView?.({ block: 'start' });
}

function download(name, type, parts) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The finished (or cancelled, or shared) report. */
function show(done, { audit = null, state = 'done', shared = null }) {
  const v = JSON.parse(done.view);
  const t = v.totals;
  const box = el('div', {
    'data-audit': true, 'data-state': state, class: 'audit-run',
    'data-messages': t.messages, 'data-hops': t.hops, 'data-encrypted': t.encrypted,
    'data-plaintext': t.plaintext, 'data-unknown': t.unknown, 'data-shared': shared ? true : null,
  });
  box.append(el('h3', { class: 'audit-title' }, (shared ? 'Shared audit: ' : 'Audit: ') + v.title));
  if (shared) {
    box.append(el('p', { class: 'audit-note' }, `Read-only, as its sender saw it. ${shared.length ? `Hidden by the sender: ${shared.join(', ')}.` : 'Nothing was hidden.'}`));
  }
  for (const note of v.notes) box.append(el('p', { class: 'audit-note' }, note));
  if (v.facts.length) box.append(el('dl', { class: 'audit-facts' }, v.facts.map((f) => [el('dt', {}, f.label), el('dd', {}, f.value)])));
  if (v.months.length) box.append(chart(v.months));
  for (const table of v.tables) box.append(tableView(table, audit));
  box.append(exports(done, audit, shared));
  view().replaceChildren(box);
}

/** Hops per verdict per month, as stacked bars (SVG drawn here, text as text nodes). */
function chart(months) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs = {}, text = null) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text != null) node.textContent = text;
    return node;
  };
  const width = 640;
  const height = 160;
  const step = width / months.length;
  const most = Math.max(1, ...months.map((m) => m.encrypted + m.plaintext + m.unknown));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height + 24}`, class: 'audit-chart', role: 'img', 'aria-labelledby': 'audit-chart-title' });
  root.append(svg('title', { id: 'audit-chart-title' }, 'Hops per month: encrypted, plaintext, not stated'));
  months.forEach((m, i) => {
    let y = height;
    for (const [key, cls] of [['encrypted', 'enc'], ['plaintext', 'plain'], ['unknown', 'unk']]) {
      const h = (m[key] / most) * (height - 4);
      if (h <= 0) continue;
      y -= h;
      const bar = svg('rect', { x: i * step + 1, y, width: Math.max(step - 2, 1), height: h, class: `bar-${cls}` });
      bar.append(svg('title', {}, `${m.month}: ${m[key]} ${key === 'unknown' ? 'not stated' : key}`));
      root.append(bar);
    }
    if (months.length <= 24 || i % Math.ceil(months.length / 12) === 0) {
      root.append(svg('text', { x: i * step + step / 2, y: height + 16, 'text-anchor': 'middle', class: 'audit-chart-label' }, m.month));
    }
  });
  return el('figure', { class: 'audit-figure' }, root, el('figcaption', {}, 'Hops per month (UTC): encrypted, plaintext, not stated.'));
}

/** A table whose column headers sort it; the fixed rows (the rest, the unknown) stay last. */
function tableView(table, audit) {
  let order = null;
  const body = el('tbody');
  const heads = table.columns.map((c, i) => el('th', { scope: 'col', class: c.numeric ? 'num' : null },
    el('button', { type: 'button', class: 'sort', onclick: () => sort(i) }, c.label)));
  const fill = () => {
    const rows = [...table.rows];
    if (order) {
      const [i, dir] = order;
      rows.sort((a, b) => (a.keys[i] < b.keys[i] ? -dir : a.keys[i] > b.keys[i] ? dir : 0));
    }
    body.replaceChildren(...[...rows, ...table.fixed].map((row) => {
      const cells = row.cells.map((cell, i) => el('td', { class: table.columns[i].numeric ? 'num' : null }, cell));
      if (row.source && audit) {
        const [file, offset, length] = row.source;
        cells[0].replaceChildren(el('button', { type: 'button', class: 'link', 'data-action': 'open-audit-message', title: 'Show this message’s hop-by-hop report',
          onclick: () => openMessage(audit.files[file], offset, length, row.cells[3]) }, row.cells[0]));
      }
      return el('tr', {}, cells);
    }));
  };
  const sort = (i) => {
    const dir = order?.[0] === i ? -order[1] : table.columns[i].numeric ? -1 : 1;
    order = [i, dir];
    heads.forEach((h, j) => h.setAttribute('aria-sort', j === i ? (dir > 0 ? 'ascending' : 'descending') : 'none'));
    fill();
  };
  fill();
  return el('section', { class: 'audit-table', 'data-audit-table': table.id },
    el('h4', {}, table.heading),
    el('div', { class: 'table-scroll' }, el('table', {}, el('thead', {}, el('tr', {}, heads)), body)));
}

/** Re-reads one message from its file by byte offset and opens it as the page opens a file. */
function openMessage(file, offset, length, number) {
  const input = document.getElementById('file-input');
  if (!file || !input) return;
  const part = new File([file.slice(offset, offset + Math.min(length, REREAD_BYTES))], `message-${number}.eml`, { type: 'message/rfc822' });
  const transfer = new DataTransfer();
  transfer.items.add(part);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  document.getElementById('input')?.scrollIntoView({ block: 'start' });
}

function exports(done, audit, shared) {
  const status = el('p', { class: 'audit-export-status', role: 'status' });
  const buttons = [
    el('button', { type: 'button', class: 'button', 'data-action': 'audit-json', onclick: () => download('hopscope-audit.json', 'application/json', [done.json]) }, 'Download JSON'),
    el('button', { type: 'button', class: 'button', 'data-action': 'audit-markdown', onclick: () => download('hopscope-audit.md', 'text/markdown', [done.markdown]) }, 'Download Markdown'),
  ];
  if (audit) {
    buttons.push(el('button', { type: 'button', class: 'button', 'data-action': 'audit-csv', onclick: () => csv(audit, status) }, 'Download CSV (one row per hop)'));
  }
  const out = el('div', { class: 'audit-exports' }, el('div', { class: 'control-row' }, buttons), status);
  if (!shared) out.append(sharePanel(done));
  return out;
}

/** The CSV is written by a second reading of the files (rows are never kept while auditing). */
async function csv(audit, status) {
  const files = audit.files;
  const parts = [];
  status.textContent = 'Writing the CSV: reading the files again…';
  const job = request({ kind: 'audit', files, labels: audit.labels ?? files.map((f) => f.name), first: 0, csv: true }, (reply) => {
    if (reply.type === 'csv') parts.push(reply.text);
  });
  try {
    await job.promise;
  } catch (reply) {
    status.textContent = `The CSV could not be written: ${reply.message ?? 'the engine stopped'}.`;
    return;
  }
  download('hopscope-audit.csv', 'text/csv', parts);
  status.textContent = 'CSV written.';
}

function sharePanel(done) {
  const boxes = [
    ['organisations', 'Hide organisation names', false],
    ['subjects', 'Hide subjects', true],
    ['file_names', 'Hide file names', true],
  ].map(([key, label, on]) => {
    const input = el('input', { type: 'checkbox', 'data-audit-redact': key, checked: on });
    input.checked = on;
    return el('label', { class: 'check' }, input, ` ${label}`);
  });
  const url = el('input', { type: 'text', readonly: true, 'data-audit-share-url': true, 'aria-label': 'Audit share link', class: 'share-url' });
  const make = async () => {
    const redaction = boxes.map((b) => b.querySelector('input').checked);
    try {
      const { payload } = await request({ kind: 'audit-share', json: done.json, redaction }).promise;
      url.value = `${location.origin}${location.pathname}#${payload}`;
    } catch (reply) {
      url.value = '';
      url.placeholder = reply.message ?? 'The link could not be made.';
    }
  };
  for (const b of boxes) b.querySelector('input').addEventListener('change', make);
  const panel = el('div', { class: 'audit-share' },
    el('h4', {}, 'Share this audit'),
    el('p', { class: 'help' }, 'The link carries the counts (not the messages) in its fragment, which is never sent to a server. Subjects and file names are hidden by default.'),
    el('div', { class: 'control-row' }, boxes),
    el('div', { class: 'control-row' },
      el('button', { type: 'button', class: 'button', 'data-action': 'audit-share', onclick: make }, 'Make link'), url));
  return panel;
}
