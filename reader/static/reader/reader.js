// The pack reader: pdf.js renders the pages it is asked for as they scroll into view; our own code
// draws the member's highlights, searches the pack, and saves notes (queued while offline).
import { compact, findQuote, pointIndex, spanIndex } from "./anchor.js";
import { NoteStore } from "./notes.js";
import { makeOffline, registerIfKept } from "./offline.js";
import { buildOutline, drawThumbnails, filterOutline } from "./outline.js";

const root = document.getElementById("reader");
const viewer = document.getElementById("viewer");
const total = Number(root.dataset.pages);
const CSS_UNITS = 96 / 72;
const KEEP_RENDERED = 10; // pages kept drawn at once; the others are cleared when far away
const state = { scale: 1, pageSize: null, current: 1, rendered: new Map(), texts: new Map(), searchHits: [],
  activeHit: null, onlyPages: null, fit: true };
let doc = null;
let pdfjs = null;
const notes = root.dataset.notes ? new NoteStore(root, { onChange: () => { renderNoteLists(); redrawHighlights(); } }) : null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function announce(text) {
  document.getElementById("page-status").textContent = text;
}

// Pages ------------------------------------------------------------------------------------

function pageDiv(n) { return viewer.querySelector(`.reader-page[data-page="${n}"]`); }

function layoutPages() {
  const { width, height } = state.pageSize;
  viewer.style.setProperty("--page-width", `${Math.floor(width * state.scale * CSS_UNITS)}px`);
  viewer.style.setProperty("--page-height", `${Math.floor(height * state.scale * CSS_UNITS)}px`);
  viewer.style.setProperty("--scale-factor", String(state.scale * CSS_UNITS));
  document.getElementById("zoom-level").textContent = `${Math.round(state.scale * 100)}%`;
}

function buildPlaceholders() {
  const frag = document.createDocumentFragment();
  for (let n = 1; n <= total; n++) {
    const div = el("div", { class: "reader-page", "data-page": String(n), role: "group", "aria-label": `Page ${n} of ${total}` });
    div.append(el("canvas", { "aria-hidden": "true" }), el("div", { class: "reader-marks", "aria-hidden": "true" }),
      el("div", { class: "textLayer" }));
    frag.append(div);
  }
  viewer.append(frag);
}

async function renderPage(n) {
  if (state.rendered.has(n)) return state.rendered.get(n);
  const job = (async () => {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: state.scale * CSS_UNITS });
    const div = pageDiv(n);
    const canvas = div.querySelector("canvas");
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    const ctx = canvas.getContext("2d");
    await page.render({ canvasContext: ctx, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null }).promise;
    if (!performance.getEntriesByName("reader-first-page").length) performance.mark("reader-first-page"); // it shows
    const layer = div.querySelector(".textLayer");
    layer.replaceChildren();
    const textLayer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport });
    await textLayer.render();
    div.classList.add("is-rendered");
    drawMarks(n);
    return true;
  })();
  state.rendered.set(n, job);
  job.catch(() => state.rendered.delete(n));
  forgetFarPages();
  return job;
}

function clearPage(n) {
  const div = pageDiv(n);
  if (!div) return;
  const canvas = div.querySelector("canvas");
  canvas.width = canvas.height = 0;
  div.querySelector(".textLayer").replaceChildren();
  div.querySelector(".reader-marks").replaceChildren();
  div.classList.remove("is-rendered");
  state.rendered.delete(n);
}

function forgetFarPages() {
  if (state.rendered.size <= KEEP_RENDERED) return;
  const far = [...state.rendered.keys()].sort((a, b) => Math.abs(b - state.current) - Math.abs(a - state.current));
  for (const n of far.slice(0, state.rendered.size - KEEP_RENDERED)) clearPage(n);
}

function rerenderAll() {
  for (const n of [...state.rendered.keys()]) clearPage(n);
  layoutPages();
  goTo(state.current, { announceIt: false });
  for (const div of viewer.querySelectorAll(".reader-page.is-visible")) renderPage(Number(div.dataset.page));
}

function goTo(n, { announceIt = true, focus = false } = {}) {
  n = Math.max(1, Math.min(total, Number(n) || 1));
  const div = pageDiv(n);
  viewer.scrollTop = div.offsetTop;
  state.current = n;
  if (announceIt) announce(`Page ${n} of ${total}`);
  if (focus) { div.tabIndex = -1; div.focus({ preventScroll: true }); }
  return renderPage(n);
}

function watchScrolling() {
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const n = Number(entry.target.dataset.page);
      entry.target.classList.toggle("is-visible", entry.isIntersecting);
      if (entry.isIntersecting) renderPage(n);
    }
  }, { root: viewer, rootMargin: "100% 0px" });
  for (const div of viewer.querySelectorAll(".reader-page")) observer.observe(div);
  let timer = null;
  viewer.addEventListener("scroll", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const middle = viewer.scrollTop + viewer.clientHeight / 3;
      let n = 1;
      for (const div of viewer.querySelectorAll(".reader-page")) {
        if (div.offsetTop <= middle) n = Number(div.dataset.page); else break;
      }
      if (n !== state.current) { state.current = n; announce(`Page ${n} of ${total}`); }
    }, 250);
  });
}

// Toolbar ----------------------------------------------------------------------------------

function fitWidth() {
  const available = viewer.clientWidth - 24;
  return Math.max(0.4, Math.min(3, available / (state.pageSize.width * CSS_UNITS)));
}

function zoom(factor) {
  state.fit = false;
  state.scale = Math.max(0.4, Math.min(3, Math.round(state.scale * factor * 10) / 10));
  rerenderAll();
}

function wireToolbar() {
  document.getElementById("prev-page").addEventListener("click", () => goTo(state.current - 1));
  document.getElementById("next-page").addEventListener("click", () => goTo(state.current + 1));
  document.getElementById("goto-form").addEventListener("submit", (e) => {
    e.preventDefault();
    goTo(document.getElementById("goto-page").value, { focus: true });
  });
  document.getElementById("zoom-in").addEventListener("click", () => zoom(1.25));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(0.8));
  document.getElementById("zoom-fit").addEventListener("click", () => { state.fit = true; state.scale = fitWidth(); rerenderAll(); });
  for (const button of document.querySelectorAll("[data-goto]")) {
    button.addEventListener("click", () => goTo(button.dataset.goto, { focus: true }));
  }
  for (const tab of document.querySelectorAll("[data-panel]")) {
    tab.addEventListener("click", () => showPanel(tab.dataset.panel));
  }
  viewer.addEventListener("keydown", (e) => {
    if (e.key === "PageDown" || e.key === "ArrowRight") { if (e.key === "ArrowRight") { e.preventDefault(); goTo(state.current + 1); } }
    if (e.key === "ArrowLeft") { e.preventDefault(); goTo(state.current - 1); }
  });
  const only = document.getElementById("only-changed");
  if (only) {
    only.addEventListener("click", () => {
      const on = only.getAttribute("aria-pressed") !== "true";
      only.setAttribute("aria-pressed", String(on));
      only.textContent = on ? "Show every paper" : "Show only the papers that changed";
      const pages = new Set();
      if (on) {
        for (const b of document.querySelectorAll("#changed [data-goto]")) pages.add(Number(b.dataset.goto));
      }
      filterOutline(on ? pages : null, showPanel);
    });
  }
}

function showPanel(id) {
  for (const tab of document.querySelectorAll("[data-panel]")) {
    const on = tab.dataset.panel === id;
    tab.setAttribute("aria-pressed", String(on));
    document.getElementById(tab.dataset.panel).hidden = !on;
  }
  if (id === "panel-thumbs") drawThumbnails({ doc, goTo, el, total });
  if (id === "panel-search") document.getElementById("search-text").focus();
}

// Search -----------------------------------------------------------------------------------

async function pageText(n) {
  if (state.texts.has(n)) return state.texts.get(n);
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const strings = content.items.filter((i) => i.str !== undefined).map((i) => i.str);
  state.texts.set(n, strings);
  return strings;
}

async function search(words) {
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  results.replaceChildren();
  state.searchHits = [];
  state.activeHit = null;
  const needle = compact(words).toLowerCase();
  if (!needle) { status.textContent = "Type the words to find."; redrawHighlights(); return; }
  status.textContent = "Searching…";
  for (let n = 1; n <= total; n++) {
    const strings = await pageText(n);
    const joined = compact(strings.join("")).toLowerCase();
    let at = joined.indexOf(needle);
    while (at !== -1) {
      state.searchHits.push({ page: n, start: at, end: at + needle.length });
      at = joined.indexOf(needle, at + 1);
    }
  }
  status.textContent = state.searchHits.length
    ? `${state.searchHits.length} ${state.searchHits.length === 1 ? "match" : "matches"} for “${words}”.`
    : `No matches for “${words}”.`;
  state.searchHits.forEach((hit, i) => {
    const strings = state.texts.get(hit.page);
    const text = compactContext(strings, hit);
    const button = el("button", { type: "button", class: "btn btn-link p-0 text-start", text: `Page ${hit.page}: ${text}` });
    button.addEventListener("click", () => showHit(i));
    results.append(el("li", {}, button));
  });
  redrawHighlights();
}

function compactContext(strings, hit) {
  const joined = strings.join(" "); // white space is not counted, so the offsets still hold
  // Map the compact offsets back to the text with its spaces, for a readable snippet.
  let k = 0, from = 0, to = joined.length;
  for (let i = 0; i < joined.length; i++) {
    if (/\s/.test(joined[i])) continue;
    if (k === hit.start) from = i;
    if (k === hit.end - 1) { to = i + 1; break; }
    k++;
  }
  const before = joined.slice(Math.max(0, from - 30), from);
  const after = joined.slice(to, to + 30);
  return `…${before}${joined.slice(from, to)}${after}…`.replace(/\s+/g, " ");
}

async function showHit(i) {
  const hit = state.searchHits[i];
  state.activeHit = hit;
  await goTo(hit.page);
  drawMarks(hit.page);
  const mark = pageDiv(hit.page).querySelector(".reader-hit.is-active");
  if (mark) viewer.scrollTop = pageDiv(hit.page).offsetTop + mark.offsetTop - viewer.clientHeight / 3;
  selectCompactRange(hit.page, hit.start, hit.end);
  announce(`Page ${hit.page} of ${total}: match ${i + 1} of ${state.searchHits.length} selected. Use Highlight or Add note to keep it.`);
}

// Highlights ---------------------------------------------------------------------------------

function rangeFor(n, start, end) {
  const layer = pageDiv(n).querySelector(".textLayer");
  const { map } = spanIndex(layer);
  if (!map.length || end > map.length || start >= end) return null;
  const range = document.createRange();
  range.setStart(map[start].node, map[start].offset);
  range.setEnd(map[end - 1].node, map[end - 1].offset + 1);
  return range;
}

function selectCompactRange(n, start, end) {
  const range = rangeFor(n, start, end);
  if (!range) return;
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

function paint(n, range, cls, label) {
  const div = pageDiv(n);
  const marks = div.querySelector(".reader-marks");
  const box = div.getBoundingClientRect();
  for (const rect of range.getClientRects()) {
    if (rect.width < 1 || rect.height < 1) continue;
    const mark = el("div", { class: cls });
    mark.style.left = `${rect.left - box.left}px`;
    mark.style.top = `${rect.top - box.top}px`;
    mark.style.width = `${rect.width}px`;
    mark.style.height = `${rect.height}px`;
    if (label) mark.dataset.note = label;
    marks.append(mark);
  }
}

function drawMarks(n) {
  const div = pageDiv(n);
  if (!div || !div.classList.contains("is-rendered")) return;
  div.querySelector(".reader-marks").replaceChildren();
  const layer = div.querySelector(".textLayer");
  const { text } = spanIndex(layer);
  if (notes) {
    for (const note of notes.onPage(n)) {
      if (!note.exact) continue;
      const found = findQuote(text, note.exact, note.prefix, note.suffix);
      note.drawn = Boolean(found);
      if (!found) continue;
      const range = rangeFor(n, found.start, found.end);
      if (range) paint(n, range, "reader-highlight", String(note.id || note.client_id));
    }
  }
  for (const hit of state.searchHits) {
    if (hit.page !== n) continue;
    const range = rangeFor(n, hit.start, hit.end);
    if (range) paint(n, range, hit === state.activeHit ? "reader-hit is-active" : "reader-hit");
  }
}

function redrawHighlights() {
  for (const n of state.rendered.keys()) state.rendered.get(n).then(() => drawMarks(n), () => {});
}

// What the member has selected, as a quote with context, on one page.
function currentQuote() {
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed && selection.rangeCount) {
    const range = selection.getRangeAt(0);
    const startNode = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    const div = startNode && startNode.closest(".reader-page");
    if (div && startNode.closest(".textLayer")) {
      const n = Number(div.dataset.page);
      const layer = div.querySelector(".textLayer");
      const { text } = spanIndex(layer);
      const start = pointIndex(layer, range.startContainer, range.startOffset);
      const endNode = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement;
      const end = endNode && endNode.closest(".reader-page") === div ? pointIndex(layer, range.endContainer, range.endOffset) : text.length;
      if (end > start) {
        const exact = selection.toString().trim() || text.slice(start, end);
        return { page: n, exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) };
      }
    }
  }
  if (state.activeHit) {
    const hit = state.activeHit;
    const layerDiv = pageDiv(hit.page).querySelector(".textLayer");
    const { text } = spanIndex(layerDiv);
    const range = rangeFor(hit.page, hit.start, hit.end);
    return { page: hit.page, exact: range ? range.toString() : text.slice(hit.start, hit.end),
      prefix: text.slice(Math.max(0, hit.start - 32), hit.start), suffix: text.slice(hit.end, hit.end + 32) };
  }
  return null;
}

// Notes --------------------------------------------------------------------------------------

function renderNoteLists() {
  if (!notes) return;
  const list = document.getElementById("notes-list");
  list.replaceChildren();
  const placed = notes.placed();
  if (!placed.length) list.append(el("li", { class: "small", text: "No notes on this pack yet." }));
  for (const note of placed) list.append(noteItem(note, false));
  const unplaced = document.getElementById("unplaced-list");
  unplaced.replaceChildren();
  if (!notes.unplaced().length) unplaced.append(el("li", { class: "small", text: "None." }));
  for (const note of notes.unplaced()) unplaced.append(noteItem(note, true));
  document.getElementById("sync-status").textContent = notes.pendingCount()
    ? `${notes.pendingCount()} change(s) waiting to be saved: they are sent when the device is back online.` : "";
}

function noteItem(note, unplaced) {
  const kind = { highlight: "Highlight", page_note: "Note on the page", bookmark: "Bookmark" }[note.kind];
  const where = unplaced ? `${note.paper_title}` : `Page ${note.page}${note.paper_title ? `, ${note.paper_title}` : ""}`;
  const article = el("article", { class: "reader-note", "aria-label": `${kind}, ${where}`, tabindex: "-1",
    "data-note-id": String(note.id || note.client_id) },
    el("h3", { class: "h6 mb-1", text: `${kind}, ${where}` }));
  if (note.exact) article.append(el("blockquote", { class: "reader-quote mb-1", text: `“${note.exact}”` }));
  if (note.quote_hidden) article.append(el("p", { class: "small fst-italic", text: "The words you highlighted are in an exempt paper you can no longer read." }));
  if (note.note) article.append(el("p", { class: "mb-1 reader-note-text", text: note.note }));
  if (note.pending) article.append(el("p", { class: "small text-body-secondary mb-1", text: "Not yet saved: waiting for the connection." }));
  const actions = el("div", { class: "d-flex flex-wrap gap-1" });
  const label = note.exact ? `“${note.exact.slice(0, 40)}”` : where;
  if (!unplaced) {
    const go = el("button", { type: "button", class: "btn btn-sm btn-outline-dark", text: `Go to page ${note.page}` });
    go.addEventListener("click", () => goTo(note.page, { focus: true }));
    actions.append(go);
    const edit = el("button", { type: "button", class: "btn btn-sm btn-outline-dark", "aria-label": `Edit note on ${label}`, text: note.note ? "Edit note" : "Add a note" });
    edit.addEventListener("click", () => openDialog({ title: "Edit note", quote: note.exact, text: note.note,
      save: (text) => notes.update(note, text) }));
    actions.append(edit);
  } else {
    const place = el("button", { type: "button", class: "btn btn-sm btn-outline-dark", "aria-label": `Place the note on ${label} on the selected words`, text: "Place on the selected words" });
    place.addEventListener("click", () => {
      const quote = currentQuote();
      if (!quote) { announce("Select the words first (or find them with Search), then place the note."); return; }
      notes.place(note, quote);
    });
    actions.append(place);
  }
  const del = el("button", { type: "button", class: "btn btn-sm btn-outline-dark", "aria-label": `Delete note on ${label}`, text: "Delete" });
  del.addEventListener("click", () => { if (window.confirm("Delete this note? This cannot be undone.")) notes.remove(note); });
  actions.append(del);
  article.append(actions);
  return el("li", {}, article);
}

let dialogSave = null;
function openDialog({ title, quote, text = "", save }) {
  const dialog = document.getElementById("note-dialog");
  document.getElementById("note-dialog-heading").textContent = title;
  document.getElementById("note-quote").textContent = quote ? `On “${quote}”` : "";
  const area = document.getElementById("note-text");
  area.value = text;
  dialogSave = save;
  dialog.showModal();
  area.focus();
}

// A click on a highlighted passage opens its note in the side panel.
function openNoteAt(event) {
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed) return;
  const div = event.target.closest && event.target.closest(".reader-page");
  if (!div) return;
  for (const mark of div.querySelectorAll(".reader-highlight")) {
    const r = mark.getBoundingClientRect();
    if (event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom) {
      showPanel("panel-notes");
      const article = document.querySelector(`#notes-list [data-note-id="${mark.dataset.note}"]`);
      if (article) { article.scrollIntoView({ block: "nearest" }); article.focus(); }
      return;
    }
  }
}

function wireNotes() {
  if (!notes) return;
  viewer.addEventListener("click", openNoteAt);
  const dialog = document.getElementById("note-dialog");
  document.getElementById("note-form").addEventListener("submit", () => {
    if (dialogSave) dialogSave(document.getElementById("note-text").value);
    dialogSave = null;
  });
  document.getElementById("note-cancel").addEventListener("click", () => { dialogSave = null; dialog.close(); });
  document.getElementById("cmd-highlight").addEventListener("click", async () => {
    const quote = currentQuote();
    if (!quote) { announce("Select some words on a page first (or find them with Search), then choose Highlight."); return; }
    await notes.create({ kind: "highlight", ...quote });
    announce(`Highlighted “${quote.exact}” on page ${quote.page}.`);
  });
  document.getElementById("cmd-add-note").addEventListener("click", () => {
    const quote = currentQuote();
    if (!quote) {
      openDialog({ title: `Note on page ${state.current}`, save: (text) => notes.create({ kind: "page_note", page: state.current, note: text }) });
      return;
    }
    const existing = notes.placed().find((n) => n.page === quote.page && n.exact && compact(n.exact) === compact(quote.exact));
    if (existing) {
      openDialog({ title: "Add note", quote: quote.exact, text: existing.note, save: (text) => notes.update(existing, text) });
    } else {
      openDialog({ title: "Add note", quote: quote.exact, save: (text) => notes.create({ kind: "highlight", ...quote, note: text }) });
    }
  });
  document.getElementById("cmd-page-note").addEventListener("click", () => {
    const page = state.current;
    openDialog({ title: `Note on page ${page}`, save: (text) => notes.create({ kind: "page_note", page, note: text }) });
  });
  document.getElementById("cmd-bookmark").addEventListener("click", async () => {
    await notes.create({ kind: "bookmark", page: state.current });
    announce(`Page ${state.current} bookmarked.`);
  });
  document.getElementById("cmd-offline").addEventListener("click", () => makeOffline(root));
}

// Start ------------------------------------------------------------------------------------

async function start() {
  // The file downloads while pdf.js and its worker load (they would only ask for it once started).
  const file = fetch(root.dataset.pdf, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`the pack could not be fetched (${response.status})`);
    return response.arrayBuffer();
  });
  pdfjs = await import(root.dataset.pdfjs);
  pdfjs.GlobalWorkerOptions.workerSrc = root.dataset.worker;
  const worker = new pdfjs.PDFWorker(); // starts now, while the file is still arriving
  doc = await pdfjs.getDocument({ data: await file, worker, isEvalSupported: false,
    standardFontDataUrl: root.dataset.fonts }).promise;
  const first = await doc.getPage(1);
  const view = first.getViewport({ scale: 1 });
  state.pageSize = { width: view.width, height: view.height };
  state.scale = fitWidth();
  layoutPages();
  buildPlaceholders();
  const hash = /page=(\d+)/.exec(location.hash);
  // The first page is drawn before any other is asked for, so nothing competes with it.
  await goTo(hash ? Number(hash[1]) : 1, { announceIt: Boolean(hash) });
  root.dataset.ready = "true";
  watchScrolling();
  wireToolbar();
  wireNotes();
  registerIfKept(root);
  document.getElementById("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    search(document.getElementById("search-text").value);
  });
  buildOutline({ doc, goTo, el });
  if (notes) notes.load();
  window.addEventListener("resize", () => {
    if (!state.fit) return;
    const scale = fitWidth();
    if (Math.abs(scale - state.scale) > 0.05) { state.scale = scale; rerenderAll(); }
  });
}

start().catch((err) => {
  root.dataset.ready = "failed";
  const message = el("div", { class: "alert alert-danger", role: "alert",
    text: `The pack could not be shown here (${err && err.message ? err.message : err}). Use “Download the PDF” instead.` });
  viewer.replaceChildren(message);
});
