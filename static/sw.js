// Hopscope's service worker: keeps this version's files so that, after one visit, the page
// opens, analyses and opens share links with no network; and updates safely.
//
// scripts/precache.mjs (trunk's last build step) writes `BUILD` (a hash of every file of the
// build) and `FILES` (every file trunk wrote, with its SRI hash and whether its name carries a
// content hash) above this text into dist/sw.js. Any change to any file changes sw.js, and the
// browser's own update check (it fetches sw.js when the page is opened) is how a new version is
// found: there is no other request.
//
// Never a mix of versions:
// - A version is kept in its own cache, `hopscope-<BUILD>`. Installing fetches every file and
//   checks it against its hash *before* storing any: a file of another version (a deploy in
//   progress, a stale proxy) fails the install, and the running version stays.
// - A new version waits: pages already open keep being answered from their own version's cache
//   until the person chooses "Reload for the new version" (static/offline.js), which asks the
//   waiting worker to take over, then reloads.
// - After the switch, a tab that still runs the previous version may load a file lazily: the
//   previous version's cache is kept (one version back) and looked in after this one's.

const CACHE = `hopscope-${BUILD}`;
const PREFIX = 'hopscope-';

self.addEventListener('install', (event) => {
  event.waitUntil(install());
});

async function install() {
  const fetched = await Promise.all(FILES.map(async ([path, integrity, hashedName]) => {
    // A name without a content hash (index.html, boot.js, the manifest) may hold another
    // version in the HTTP cache: revalidate it. The integrity check catches any mismatch.
    const response = await fetch(path, { cache: hashedName ? 'default' : 'no-cache', integrity });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return [path, response];
  }));
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(fetched.map(([path, response]) => cache.put(path, response)));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

self.addEventListener('activate', (event) => {
  // Keep this version and the one before it; delete older ones. Cache names are listed in the
  // order they were made.
  event.waitUntil((async () => {
    const others = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    await Promise.all(others.slice(0, -1).map((name) => caches.delete(name)));
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let path = url.pathname.slice(scope.pathname.length);
  // The page itself, whatever its query and fragment (a share link is a fragment).
  if (request.mode === 'navigate' && path === '') path = 'index.html';
  event.respondWith(answer(request, path));
});

async function answer(request, path) {
  const own = await (await caches.open(CACHE)).match(path);
  if (own) return own;
  for (const name of (await caches.keys()).reverse()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const older = await (await caches.open(name)).match(path);
    if (older) return older;
  }
  return fetch(request);
}
