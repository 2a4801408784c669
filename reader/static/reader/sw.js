// The reader's offline worker (served as /reader/sw.js, scope /reader/).
//
// It keeps nothing on its own: only what a member asks for with "Make available offline" (the
// reader page, the pack's PDF, their notes and the reader's static files). What it keeps follows
// the response's Cache-Control: never a `no-store` response; a `private` response no longer than
// its `max-age`. When online it always asks the server first (a withdrawn version or a member
// who left the board gets the server's refusal, and the kept copy is dropped). Signing out clears
// every cache (the sign-out response also sends Clear-Site-Data).
const CACHE = "quorum-reader-v1";
const KEPT_AT = "x-quorum-kept-at";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function storable(response) {
  if (!response || !response.ok || response.type === "opaqueredirect" || response.redirected) return false;
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return !control.includes("no-store");
}

function expired(response) {
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  if (!control.includes("private")) return false; // public static files: kept until sign-out
  const match = /max-age=(\d+)/.exec(control);
  if (!match) return false;
  const keptAt = Number(response.headers.get(KEPT_AT) || 0);
  return Date.now() - keptAt > Number(match[1]) * 1000;
}

async function put(cache, request, response) {
  const headers = new Headers(response.headers);
  headers.set(KEPT_AT, String(Date.now()));
  const body = await response.blob();
  await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
}

async function keep(urls) {
  const cache = await caches.open(CACHE);
  const refused = [];
  for (const url of urls) {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-cache" });
    if (storable(response)) await put(cache, url, response);
    else refused.push(new URL(url, self.location.origin).pathname);
  }
  return refused;
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports && event.ports[0];
  if (data.type === "keep") {
    event.waitUntil(keep([...data.pages, ...data.assets]).then(
      (refused) => port && port.postMessage(refused.length ? { ok: false, error: `not allowed to keep ${refused.join(", ")}` } : { ok: true }),
      (err) => port && port.postMessage({ ok: false, error: String(err) }),
    ));
  } else if (data.type === "clear") {
    event.waitUntil(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
  }
});

async function fromNetworkThenKept(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: false });
  if (!kept) return fetch(request);
  if (expired(kept)) {
    await cache.delete(request);
    return fetch(request);
  }
  const path = new URL(request.url).pathname;
  if (path.startsWith("/static/")) return kept; // our own files, public and the same for everyone
  try {
    const response = await fetch(request);
    if (storable(response)) await put(cache, request, response.clone());
    else if ([401, 403, 404, 410].includes(response.status) || response.redirected) {
      // Refused now (withdrawn, or no longer on the board): drop everything kept of that version.
      const version = /^\/reader\/versions\/\d+\//.exec(path);
      for (const key of await cache.keys()) {
        const keyPath = new URL(key.url).pathname;
        if (keyPath === path || (version && keyPath.startsWith(version[0]))) await cache.delete(key);
      }
    }
    return response;
  } catch {
    return kept;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/accounts/logout/") {
    event.waitUntil(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
    return;
  }
  if (request.method !== "GET") return;
  event.respondWith(fromNetworkThenKept(request));
});
