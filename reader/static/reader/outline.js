// The side panel's bookmarks (the PDF outline: items, papers, headings) and page thumbnails,
// drawn only as they come into view.
async function destPage(doc, dest) {
  const explicit = typeof dest === "string" ? await doc.getDestination(dest) : dest;
  if (!explicit) return null;
  const index = typeof explicit[0] === "object" ? await doc.getPageIndex(explicit[0]) : explicit[0];
  return index + 1;
}

export async function buildOutline({ doc, goTo, el }) {
  const outline = await doc.getOutline();
  const host = document.getElementById("outline");
  host.replaceChildren();
  if (!outline || !outline.length) { host.append(el("p", { class: "small", text: "This pack has no bookmarks." })); return; }
  async function list(items, level) {
    const ol = el("ol", { class: `reader-outline level-${level}` });
    for (const item of items) {
      const page = await destPage(doc, item.dest);
      const li = el("li", { "data-outline-page": String(page || "") });
      const label = page ? `${item.title}, page ${page}` : item.title;
      const button = el("button", { type: "button", class: "btn btn-link p-0 text-start", text: label });
      if (page) button.addEventListener("click", () => goTo(page, { focus: true }));
      li.append(button);
      if (item.items && item.items.length) li.append(await list(item.items, level + 1));
      ol.append(li);
    }
    return ol;
  }
  host.append(await list(outline, 1));
}

export function filterOutline(pages, showPanel) {
  for (const li of document.querySelectorAll("#outline .level-2 > li")) {
    li.hidden = pages ? !pages.has(Number(li.dataset.outlinePage)) : false;
  }
  for (const li of document.querySelectorAll("#outline .level-1 > li")) {
    const kids = li.querySelectorAll(".level-2 > li");
    li.hidden = pages ? kids.length === 0 || [...kids].every((k) => k.hidden) : false;
  }
  if (pages) showPanel("panel-outline");
}

let thumbsDrawn = false;
export function drawThumbnails({ doc, goTo, el, total }) {
  if (thumbsDrawn) return;
  thumbsDrawn = true;
  const list = document.getElementById("thumbs");
  const observer = new IntersectionObserver(async (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      const n = Number(entry.target.dataset.thumb);
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 120 / page.getViewport({ scale: 1 }).width });
      const canvas = entry.target.querySelector("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
    }
  }, { root: list.closest(".reader-side"), rootMargin: "200px 0px" });
  for (let n = 1; n <= total; n++) {
    const button = el("button", { type: "button", class: "reader-thumb", "data-thumb": String(n) },
      el("canvas", { "aria-hidden": "true" }), el("span", { text: `Page ${n}` }));
    button.addEventListener("click", () => goTo(n, { focus: true }));
    list.append(el("li", {}, button));
    observer.observe(button);
  }
}
