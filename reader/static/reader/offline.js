// "Make available offline": the service worker keeps this pack, the notes and the reader's files.
export async function makeOffline(root) {
  const status = document.getElementById("offline-status");
  if (!("serviceWorker" in navigator)) { status.textContent = "This browser cannot keep packs offline."; return; }
  status.textContent = "Keeping this pack and your notes on this device…";
  await navigator.serviceWorker.register(root.dataset.sw, { scope: "/reader/" });
  const registration = await navigator.serviceWorker.ready;
  const assets = [...document.querySelectorAll("link[rel=stylesheet]")].map((l) => l.href)
    .concat([...document.querySelectorAll("script[src]")].map((s) => s.src))
    .concat([root.dataset.pdfjs, root.dataset.worker, ...["reader.js", "anchor.js", "notes.js", "outline.js", "offline.js"].map((f) => new URL(f, import.meta.url).href)]);
  const channel = new MessageChannel();
  const done = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
  registration.active.postMessage({ type: "keep", pages: [location.pathname, root.dataset.pdf, root.dataset.notes], assets }, [channel.port2]);
  const result = await done;
  status.textContent = result.ok
    ? "Available offline on this device until you sign out. Notes you make offline are saved when you are back online."
    : `Could not keep everything offline: ${result.error}`;
}

export function registerIfKept(root) {
  if ("serviceWorker" in navigator && root.dataset.sw) {
    navigator.serviceWorker.getRegistration("/reader/").then((r) => { if (r) r.update().catch(() => {}); });
  }
  // Signing out clears what was kept offline (the server also sends Clear-Site-Data).
  for (const form of document.querySelectorAll('form[action$="/accounts/logout/"]')) {
    form.addEventListener("submit", () => {
      navigator.serviceWorker?.controller?.postMessage({ type: "clear" });
    });
  }
}
