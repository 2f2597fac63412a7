// Hopscope's service worker while developing (`make serve`, HOPSCOPE_OFFLINE=off): it removes
// itself. A browser that kept an earlier build's worker fetches this file when the page is
// opened, installs it, and this worker then deletes the kept files, unregisters and reloads the
// open pages, which then come from the development server. The page of this build does not
// register any worker (scripts/precache.mjs drops offline.js from index.html).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith('hopscope-'));
    await Promise.all(names.map((name) => caches.delete(name)));
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
