// Offline use and safe updates. Registers the service worker (sw.js, written at build time by
// scripts/precache.mjs), which keeps this version's files so the page works with no network
// after one visit. When the browser has found and fully downloaded a new version, it waits, and
// this script offers "Reload for the new version": the open page keeps running on its own
// version's files until the person chooses; the click asks the waiting worker to take over and
// reloads. Plain JavaScript outside the wasm app: it adds nothing to the app's download and
// works whatever version of the app is running.
//
// Hooks: `[data-update]` on the bar (`ready`: a new version is waiting; `elsewhere`: another tab
// switched to it), `[data-action="reload-update"]` and `[data-action="dismiss-update"]`.

const sw = navigator.serviceWorker;
let requested = false;
let bar = null;

const WORDS = {
  ready: 'A new version of Hopscope is ready.',
  elsewhere: 'A new version of Hopscope is running in another tab; this tab still runs the previous one.',
};

function offer(state) {
  if (!bar) build();
  bar.dataset.update = state;
  bar.hidden = false;
  bar.firstChild.textContent = `${WORDS[state]} Reloading starts the page afresh: text in the box is not kept.`;
}

function build() {
  bar = document.createElement('div');
  bar.className = 'update-bar';
  bar.setAttribute('role', 'status');
  const words = document.createElement('p');
  const reload = button('reload-update', 'Reload for the new version', 'button');
  reload.addEventListener('click', applyUpdate);
  const later = button('dismiss-update', 'Later', 'button button-small');
  later.addEventListener('click', () => { bar.hidden = true; });
  bar.append(words, reload, later);
  document.body.append(bar);
}

function button(action, label, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.dataset.action = action;
  b.textContent = label;
  return b;
}

async function applyUpdate() {
  const registration = await sw.getRegistration();
  const waiting = registration?.waiting;
  if (!waiting) {
    // Already switched (by another tab): this page is the old one.
    location.reload();
    return;
  }
  // Reload once the new version has taken over: `controllerchange` for a page the worker
  // controls, the worker's own state for the page of a first visit (which no worker controls).
  requested = true;
  waiting.addEventListener('statechange', () => {
    if (waiting.state === 'activated') reload();
  });
  waiting.postMessage('skip-waiting');
}

let reloading = false;
function reload() {
  if (!reloading) {
    reloading = true;
    location.reload();
  }
}

async function start() {
  let registration;
  try {
    registration = await sw.register('sw.js', { scope: './' });
  } catch {
    // Refused (a private mode, an unusual host): the page works online as before.
    return;
  }
  if (registration.waiting && registration.active) offer('ready');
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      // Installed while another version runs: a new version, complete, waiting. (The first
      // install has no active version and nothing to offer.)
      if (worker.state === 'installed' && registration.active) offer('ready');
    });
  });
  sw.addEventListener('controllerchange', () => {
    if (requested) reload();
    else offer('elsewhere');
  });
}

if (sw) {
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
