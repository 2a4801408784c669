// The member's notes on this pack version: loaded from the server, saved at once when online,
// queued on the device when not (sent in order when the connection comes back; the server keeps
// both sides of a conflict).
export class NoteStore {
  constructor(root, { onChange }) {
    this.root = root;
    this.onChange = onChange;
    this.notes = [];
    this.lost = [];
    this.key = `quorum-reader-queue:${root.dataset.user}`;
    window.addEventListener("online", () => this.flush());
  }

  queue() {
    try { return JSON.parse(localStorage.getItem(this.key) || "[]"); } catch { return []; }
  }

  saveQueue(items) {
    if (items.length) localStorage.setItem(this.key, JSON.stringify(items));
    else localStorage.removeItem(this.key);
  }

  pendingCount() { return this.queue().length; }

  placed() {
    return this.notes.slice().sort((a, b) => a.page - b.page || (a.id || 1e12) - (b.id || 1e12));
  }

  unplaced() { return this.lost; }

  onPage(n) { return this.notes.filter((note) => note.page === n); }

  async load() {
    await this.flush();
    try {
      const response = await fetch(this.root.dataset.notes, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      this.notes = data.notes;
      this.lost = data.unplaced;
    } catch {
      // Offline with nothing kept: what is queued is still shown.
    }
    for (const item of this.queue()) {
      if (item.op === "create" && item.version === this.root.dataset.version) {
        this.notes.push({ ...item.body, id: null, pending: true });
      }
    }
    this.onChange();
  }

  async send(url, body) {
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.root.dataset.csrf, Accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status >= 500) throw new Error(`server ${response.status}`);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) return { error: data.error || `The note was not saved (${response.status}).` };
    return data;
  }

  async attempt(item) {
    try {
      return await this.send(item.url, item.body);
    } catch {
      const items = this.queue();
      items.push(item);
      this.saveQueue(items);
      return { queued: true };
    }
  }

  async flush() {
    let items = this.queue();
    while (items.length) {
      const item = items[0];
      try {
        await this.send(item.url, item.body);
      } catch {
        return false; // still offline
      }
      items = this.queue().slice(1);
      this.saveQueue(items);
    }
    return true;
  }

  url(template, id) { return template.replace("/0/", `/${id}/`); }

  async create(fields) {
    const body = { client_id: crypto.randomUUID(), note: "", exact: "", prefix: "", suffix: "", ...fields };
    const result = await this.attempt({ op: "create", version: this.root.dataset.version, url: this.root.dataset.create, body });
    if (result.error) { this.report(result.error); return; }
    if (result.queued) this.notes.push({ ...body, id: null, pending: true });
    else this.notes.push(result.note);
    this.onChange();
  }

  async update(note, text) {
    if (!note.id) { // still queued: change the queued note itself
      const items = this.queue();
      for (const item of items) if (item.body.client_id === note.client_id) item.body.note = text;
      this.saveQueue(items);
      note.note = text;
      this.onChange();
      return;
    }
    const result = await this.attempt({ op: "update", url: this.url(this.root.dataset.note, note.id),
      body: { note: text, revision: note.revision, page: note.page } });
    if (result.error) { this.report(result.error); return; }
    if (result.queued) { note.note = text; note.pending = true; }
    else {
      Object.assign(note, result.note);
      if (result.conflict) {
        this.notes.push(result.conflict);
        this.report("This note had been changed elsewhere: both versions are kept.");
      }
    }
    this.onChange();
  }

  async place(note, quote) {
    const result = await this.attempt({ op: "place", url: this.url(this.root.dataset.place, note.id), body: quote });
    if (result.error) { this.report(result.error); return; }
    this.lost = this.lost.filter((n) => n !== note);
    this.notes.push(result.queued ? { ...note, ...quote, pending: true, unplaced: false } : result.note);
    this.onChange();
  }

  async remove(note) {
    if (!note.id) {
      this.saveQueue(this.queue().filter((item) => item.body.client_id !== note.client_id));
    } else {
      const result = await this.attempt({ op: "delete", url: this.url(this.root.dataset.delete, note.id), body: {} });
      if (result.error) { this.report(result.error); return; }
    }
    this.notes = this.notes.filter((n) => n !== note);
    this.lost = this.lost.filter((n) => n !== note);
    this.onChange();
  }

  report(text) {
    const status = document.getElementById("sync-status");
    if (status) status.textContent = text;
  }
}
