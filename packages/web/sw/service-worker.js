// closeout service worker. Assets are content-hashed, so they are served cache-first; the API GETs a user
// reads offline are network-first with the last answer kept; page navigations fall back to the cached shell.
// Any 401, and any sign-in or sign-out, drops every kept answer.
// VERSION and PRECACHE are filled in at build time by sw-plugin.ts.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const SHELL_CACHE = `closeout-shell-${VERSION}`;
const API_CACHE = "closeout-api";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith("closeout-shell-") && k !== SHELL_CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Only the numbers a user reads offline are kept, never who is signed in (/api/me), links (query ids, sync
// state), auth answers or downloads: a shared device must not show them to the next person.
const OFFLINE_API = /^\/api\/(stats|breakdowns|trades|positions|unmatched|accounts|public)(\/|$)/;

/** Bumped whenever the user's answers are dropped, so an answer already in flight is not stored after it. */
let generation = 0;

/** Every cache but the current app shell: what holds (or ever held) a user's answers. */
async function forgetUserData() {
  generation++;
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k !== SHELL_CACHE).map((k) => caches.delete(k)));
}

/** Sign-in, sign-up, sign-out, "sign out everywhere" and account deletion change whose answers these are. */
function changesUser(request, url) {
  if (request.method === "GET") return false;
  if (url.pathname.startsWith("/api/auth/") || url.pathname === "/api/me/sessions/revoke") return true;
  return request.method === "DELETE" && url.pathname === "/api/me";
}

async function networkFirst(request) {
  const started = generation;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { cacheName: API_CACHE });
    if (cached) return replayed(cached);
    throw error;
  }
  if (response.status === 401) await forgetUserData();
  else if (response.ok) {
    const cache = await caches.open(API_CACHE);
    if (started === generation) await cache.put(request, response.clone());
  }
  return response;
}

/** A kept answer, marked so the page can say it is offline and as of when (the answer's own Date header). */
function replayed(cached) {
  const headers = new Headers(cached.headers);
  headers.set("X-Closeout-Offline", "1");
  return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
}

async function passThrough(request, url) {
  if (changesUser(request, url)) await forgetUserData();
  const response = await fetch(request);
  if (response.status === 401) await forgetUserData();
  return response;
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith("/assets/"))
    await cache.put(request, response.clone());
  return response;
}

async function navigation(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match("/index.html", { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) {
    // A CSV download opened as a page: the browser saves it; there is nothing to keep or replay.
    if (request.mode === "navigate") return;
    const replayable = request.method === "GET" && OFFLINE_API.test(url.pathname);
    event.respondWith(replayable ? networkFirst(request) : passThrough(request, url));
  } else if (request.method !== "GET") {
    return;
  } else if (request.mode === "navigate") {
    event.respondWith(navigation(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
