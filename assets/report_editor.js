// The report section editor (Tiptap on ProseMirror, MIT), bundled by `make static` into
// static/vendor/report-editor.js. Progressive enhancement: each textarea.rich-text becomes an
// editor; without JavaScript the plain textarea still works (HTML is sanitised on save).
//
// A section is a sequence of paragraphs that number themselves (N.1, N.2 …) as structure: a
// top-level <p> or sub-heading is numbered unless it is a continuation (<p class="continuation">).
// Lists and tables belong to the paragraph above them. The numbers shown here come from the same
// rule the server applies (core/report_html.py), so screen, editor and PDF agree.
import { Editor, Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Paragraph from "@tiptap/extension-paragraph";
import Heading from "@tiptap/extension-heading";
import { Table, TableRow, TableHeader, TableCell } from "@tiptap/extension-table";

const continuation = {
  continuation: {
    default: false,
    parseHTML: (el) => el.classList.contains("continuation"),
    renderHTML: (attrs) => (attrs.continuation ? { class: "continuation" } : {}),
  },
};

const NumberedParagraph = Paragraph.extend({
  addAttributes() { return { ...this.parent?.(), ...continuation }; },
});

const SubHeading = Heading.extend({
  addAttributes() { return { ...this.parent?.(), ...continuation }; },
}).configure({ levels: [3, 4] });

// A table keeps an optional caption (from the author, a paste or a Word import). Word's tables
// put everything in <tbody>; the server moves a first row of header cells into <thead>.
const CaptionedTable = Table.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: {
        default: null,
        parseHTML: (el) => {
          const c = el.querySelector(":scope > caption");
          return c ? c.textContent.trim() || null : null;
        },
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() { return [{ tag: "table" }, { tag: "caption", ignore: true }]; },
  renderHTML({ node }) {
    const out = ["table", {}];
    if (node.attrs.caption) out.push(["caption", {}, node.attrs.caption]);
    out.push(["tbody", 0]);
    return out;
  },
}).configure({ resizable: false, allowTableNodeSelection: false });

const Shortcuts = Extension.create({
  name: "reportShortcuts",
  addKeyboardShortcuts() {
    return {
      "Mod-Alt-t": () => this.editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      "Mod-Alt-n": () => toggleNumbered(this.editor),
    };
  },
});

function currentBlock(editor) {
  const { $from } = editor.state.selection;
  // The top-level block the cursor is in (depth 1 under the document).
  if ($from.depth < 1) return null;
  return { node: $from.node(1), pos: $from.before(1) };
}

function toggleNumbered(editor) {
  const block = currentBlock(editor);
  if (!block || !["paragraph", "heading"].includes(block.node.type.name)) return false;
  const tr = editor.state.tr.setNodeMarkup(block.pos, undefined, {
    ...block.node.attrs, continuation: !block.node.attrs.continuation,
  });
  editor.view.dispatch(tr);
  editor.commands.focus();
  return true;
}

const BUTTONS = [
  { label: "Bold", run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold"), keys: "Control+B" },
  { label: "Italic", run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic"), keys: "Control+I" },
  { label: "Sub-heading", run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive("heading", { level: 3 }) },
  { label: "Numbered paragraph", run: (e) => toggleNumbered(e), keys: "Control+Alt+N",
    active: (e) => { const b = currentBlock(e); return !!b && ["paragraph", "heading"].includes(b.node.type.name) && !b.node.attrs.continuation; } },
  { label: "Bulleted list", run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive("bulletList") },
  { label: "Numbered list", run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive("orderedList") },
  { label: "Insert table", run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), keys: "Control+Alt+T" },
  { label: "Table caption", table: true, run: (e) => {
      const caption = window.prompt("Caption for this table (leave empty for none)", e.getAttributes("table").caption || "");
      if (caption === null) return e.commands.focus();
      return e.chain().focus().updateAttributes("table", { caption: caption.trim() || null }).run();
    } },
  { label: "Header row", table: true, run: (e) => e.chain().focus().toggleHeaderRow().run() },
  { label: "Add row below", table: true, run: (e) => e.chain().focus().addRowAfter().run() },
  { label: "Add column right", table: true, run: (e) => e.chain().focus().addColumnAfter().run() },
  { label: "Delete row", table: true, run: (e) => e.chain().focus().deleteRow().run() },
  { label: "Delete column", table: true, run: (e) => e.chain().focus().deleteColumn().run() },
  { label: "Delete table", table: true, run: (e) => e.chain().focus().deleteTable().run() },
];

// Word's paste carries mso-* styles, <o:p>, spans and classes: the editor's schema keeps only
// paragraphs, headings, lists, tables, bold and italic; this drops Word's empty paragraphs too.
function cleanPastedHTML(html) {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<o:p>\s*<\/o:p>/gi, "")
    .replace(/<o:p>[\s\S]*?<\/o:p>/gi, "");
}

function enhance(area, index) {
  const section = area.dataset.section || "";
  const input = document.createElement("input");
  input.type = "hidden";
  input.name = area.name;
  input.value = area.value;  // Unchanged unless the author edits: an unchanged save changes nothing.
  const label = document.querySelector('label[for="' + area.id + '"]');
  const labelId = label ? (label.id = label.id || area.id + "-label") : "";

  const wrapper = document.createElement("div");
  wrapper.className = "report-editor";
  const toolbar = document.createElement("div");
  toolbar.setAttribute("role", "toolbar");
  toolbar.className = "report-editor-toolbar";
  if (labelId) toolbar.setAttribute("aria-label", (label.textContent || "").trim() + ": formatting");
  const mount = document.createElement("div");
  mount.className = "report-editor-body";

  const editor = new Editor({
    element: mount,
    injectCSS: false,
    content: area.value,
    extensions: [
      StarterKit.configure({
        paragraph: false, heading: false, code: false, codeBlock: false, strike: false,
        horizontalRule: false, underline: false, trailingNode: false,
        link: { openOnClick: false, autolink: false, protocols: ["http", "https", "mailto"] },
      }),
      NumberedParagraph, SubHeading, CaptionedTable, TableRow, TableHeader, TableCell, Shortcuts,
    ],
    editorProps: {
      attributes: {
        id: area.id, role: "textbox", "aria-multiline": "true",
        ...(labelId ? { "aria-labelledby": labelId } : {}),
        ...(area.getAttribute("aria-describedby") ? { "aria-describedby": area.getAttribute("aria-describedby") } : {}),
        class: "report-editor-content form-control",
        "data-section": section,
      },
      transformPastedHTML: cleanPastedHTML,
      handleDrop: (view, event) => !!(event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files.length),
      handlePaste: (view, event) => !!(event.clipboardData && event.clipboardData.files && event.clipboardData.files.length),
    },
    onUpdate: ({ editor: e }) => { input.value = e.getHTML(); },
  });
  // The section's number starts the paragraph counter, so the editor shows "4.1", "4.2" ….
  if (section) editor.view.dom.style.setProperty("counter-reset", "report-section " + section + " report-para");

  const buttons = BUTTONS.map((spec) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm btn-outline-secondary";
    b.textContent = spec.label;
    if (spec.keys) b.setAttribute("aria-keyshortcuts", spec.keys);
    // A toolbar press keeps the caret in the text (no focus hop to the button), and the editor
    // takes focus at once, not a frame later: keys typed straight after Bold land in the text.
    b.addEventListener("mousedown", (event) => event.preventDefault());
    b.addEventListener("click", () => { editor.view.focus(); spec.run(editor); });
    toolbar.appendChild(b);
    return { b, spec };
  });
  const refresh = () => {
    const inTable = editor.isActive("table");
    buttons.forEach(({ b, spec }) => {
      if (spec.active) b.setAttribute("aria-pressed", spec.active(editor) ? "true" : "false");
      if (spec.table) b.hidden = !inTable;
    });
  };
  editor.on("selectionUpdate", refresh);
  editor.on("transaction", refresh);
  refresh();

  if (label) label.addEventListener("click", () => editor.commands.focus());
  area.removeAttribute("name");
  area.id = area.id + "-source";
  area.hidden = true;
  wrapper.appendChild(toolbar);
  wrapper.appendChild(mount);
  area.parentNode.insertBefore(input, area);
  area.parentNode.insertBefore(wrapper, area);
}

document.querySelectorAll("textarea.rich-text").forEach(enhance);
