// Quotes on a page's text layer, matched with white space ignored (as reader/anchoring.py does on
// the server), so a highlight is drawn on the same words whatever the line breaks.
export function compact(text) {
  return (text || "").replace(/\s+/g, "");
}

// The page's text without white space, and for each character the text node and offset it is at.
export function spanIndex(layer) {
  const map = [];
  let text = "";
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue;
    for (let i = 0; i < value.length; i++) {
      if (/\s/.test(value[i])) continue;
      map.push({ node, offset: i });
      text += value[i];
    }
  }
  return { text, map };
}

// How many non-space characters of the layer come before a selection boundary.
export function pointIndex(layer, node, offset) {
  const range = document.createRange();
  range.setStart(layer, 0);
  try {
    range.setEnd(node, offset);
  } catch {
    return 0;
  }
  return compact(range.toString()).length;
}

function all(haystack, needle) {
  const hits = [];
  let at = haystack.indexOf(needle);
  while (at !== -1) { hits.push(at); at = haystack.indexOf(needle, at + 1); }
  return hits;
}

function commonSuffix(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

// Where the quote is in `text` (a compact page text): {start, end}, the best-matching context winning.
export function findQuote(text, exact, prefix = "", suffix = "") {
  let needle = compact(exact);
  if (!needle) return null;
  let haystack = text;
  let hits = all(haystack, needle);
  if (!hits.length) {
    haystack = text.toLowerCase();
    needle = needle.toLowerCase();
    hits = all(haystack, needle);
  }
  if (!hits.length) return null;
  const before = compact(prefix);
  const after = compact(suffix);
  let best = hits[0];
  let bestScore = -1;
  for (const at of hits) {
    const score = commonSuffix(text.slice(Math.max(0, at - before.length), at), before)
      + commonPrefix(text.slice(at + needle.length, at + needle.length + after.length), after);
    if (score > bestScore) { best = at; bestScore = score; }
  }
  return { start: best, end: best + needle.length };
}
