"""Make WeasyPrint's tag tree pass the machine-checkable PDF/UA-1 (Matterhorn) checkpoints.

WeasyPrint tags each page on its own: an element that runs over a page break becomes two
structure elements (a table split across pages is two tables, a row broken across the break two
half-rows), header cells carry no /Scope, a `<dl>` or `<ul>` holding `<div>`s gets `Div` children
inside `L`, empty inline boxes become empty `Span`s, the "Page N of M" of a page margin box is
marked as content but left out of the tree, and link annotations are not printable. Two steps put
that right, for every PDF Quorum renders:

- `install()` wraps WeasyPrint's tag builder so that every structure element records which HTML
  element it came from (a private key, removed afterwards), a `th` gets the /Scope of its `scope`
  attribute, an element with `role="img"` gets its `aria-label` as /Alt (the ✓ of the minutes)
  and a chart (SVG) its title and description (the summary the web page shows) as /Alt.
- `repair(pdf_bytes)` then joins the pieces of one element that the page breaks cut apart, lifts
  the children of a `Div` inside an `L` into the list, puts each list item's label and body in
  place, drops empty elements, gives a `th` without a scope one by its place (column in a header
  row, row when it starts a row of data), pads short table rows so every row spans as many
  columns, gives every data cell the /Headers of its row and column headers, turns a table's repeated header rows and every
  marked content the tree does not reach into pagination artifacts, and sets the Print flag on
  every annotation.
"""
import io
from collections import defaultdict

import pikepdf
from pikepdf import Array, Dictionary, Name

from core.pdf_tables import TableRepair
from core.pdf_tree import MAY_BE_EMPTY, SOURCE_KEY, is_struct_elem, set_struct_kids, struct_kids

_installed = False
original_builder = None  # WeasyPrint's own, kept for tests that show what it does alone


def install() -> None:
    """Wrap `weasyprint.pdf.tags._build_box_tree` (idempotent). The module looks the builder up
    by name on every recursive call, so the wrapper sees every box of every page."""
    global _installed, original_builder
    if _installed:
        return
    import pydyf
    from weasyprint.pdf import tags

    original = original_builder = tags._build_box_tree

    def build(box, parent, pdf, page_number, nums, annotations, tags_):
        source_box = getattr(box, "_box", box)  # an absolute placeholder stands for its box
        for element in original(box, parent, pdf, page_number, nums, annotations, tags_):
            if "QuorumSource" not in element and source_box.element is not None:
                element["QuorumSource"] = pydyf.String(
                    f"{id(source_box.element)}|{source_box.element_tag}|{type(source_box).__name__}|{element['S']}")
                html = source_box.element
                if element["S"] == "/TH" and "A" in element and _scope(html):
                    element["A"]["Scope"] = _scope(html)
                if html.get("role") == "img" and html.get("aria-label") and "Alt" not in element:
                    element["Alt"] = pydyf.String(html.get("aria-label"))
                if element["S"] == "/Figure" and html.tag == SVG + "svg":
                    alt = _svg_alt(html)
                    if alt:
                        element["Alt"] = pydyf.String(alt)
            yield element

    tags._build_box_tree = build
    _installed = True


SVG = "{http://www.w3.org/2000/svg}"


def _svg_alt(svg) -> str:
    """A chart's title and its description (the summary the web page shows beside it), not the
    title alone (WeasyPrint's choice), so the PDF says what the chart shows."""
    parts = []
    for name in ("title", "desc"):
        found = svg.find(SVG + name)
        if found is not None and (found.text or "").strip():
            parts.append(" ".join(found.text.split()).rstrip(".") + ".")
    return " ".join(parts)


def _scope(th) -> str | None:
    """The /Scope a `th` asks for; None leaves it to its place in the table (see `_table`)."""
    scope = (th.get("scope") or "").lower()
    if scope in ("row", "rowgroup"):
        return "/Row"
    if scope in ("col", "colgroup"):
        return "/Column"
    return None


# Repair --------------------------------------------------------------------------------------

class _Repair(TableRepair):
    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        self.root = pdf.Root.StructTreeRoot
        self.moved = {}  # objgen of an element merged away -> the element it went into
        self.artifacts = defaultdict(set)  # page index -> MCIDs that become artifacts

    # Joining what the page breaks cut apart ---------------------------------------------------

    def _move_kid(self, kid, source, target):
        """Re-parent one kid of `source` into `target`, keeping where its content lies."""
        if isinstance(kid, int):
            page = source.get("/Pg")
            if page is not None and target.get("/Pg") is not None and page.objgen != target.Pg.objgen:
                return Dictionary(Type=Name.MCR, Pg=page, MCID=int(kid))
            return kid
        if is_struct_elem(kid):
            kid.P = target
        return kid

    def join(self, element) -> None:
        kids = struct_kids(element)
        out = []
        for kid in kids:
            previous = out[-1] if out else None
            if (is_struct_elem(kid) and is_struct_elem(previous) and SOURCE_KEY in kid and SOURCE_KEY in previous
                    and str(kid[SOURCE_KEY]) == str(previous[SOURCE_KEY]) and kid.objgen != previous.objgen):
                merged = struct_kids(previous) + [self._move_kid(k, kid, previous) for k in struct_kids(kid)]
                set_struct_kids(previous, merged)
                self.moved[kid.objgen] = previous
                for key in ("/Alt", "/ActualText"):
                    if key in kid and key not in previous:
                        previous[key] = kid[key]
                continue
            out.append(kid)
        if len(out) != len(kids):
            set_struct_kids(element, out)
        for kid in out:
            if is_struct_elem(kid):
                self.join(kid)

    # Lists -----------------------------------------------------------------------------------

    def lists(self, element) -> None:
        kids = struct_kids(element)
        if element.get("/S") == Name.L:
            out, changed = [], False
            for kid in kids:
                if is_struct_elem(kid) and kid.S in (Name.Div, Name.NonStruct, Name.Span, Name.P):
                    for grandkid in struct_kids(kid):
                        if is_struct_elem(grandkid):
                            grandkid.P = element
                        out.append(grandkid)
                    self.moved[kid.objgen] = element
                    changed = True
                else:
                    out.append(kid)
            if changed:
                set_struct_kids(element, out)
                kids = out
            for kid in kids:  # a stray mark or text straight inside the list becomes an item
                if is_struct_elem(kid) and kid.S not in (Name.LI, Name.L, Name.Caption):
                    kid.S = Name.LI
        if element.get("/S") == Name.LI and element.P.get("/S") == Name.L:
            self._list_item(element)
        elif element.get("/S") == Name.LI and element.P.get("/S") != Name.L:
            element.S = Name.Div
            for kid in kids:
                if is_struct_elem(kid) and kid.S in (Name.LBody, Name.Lbl):
                    kid.S = Name.Div if kid.S == Name.LBody else Name.Span
        for kid in struct_kids(element):
            if is_struct_elem(kid):
                self.lists(kid)

    def _list_item(self, item) -> None:
        """An LI holds its label (Lbl) and one body (LBody). A marker drawn inside the text (CSS
        `list-style-position: inside`, which keeps the paint order) comes out as a Lbl among the
        body's text, or inside an LBody: put it first and the rest in the body."""
        kids = struct_kids(item)
        if all(is_struct_elem(k) and k.S in (Name.Lbl, Name.LBody) for k in kids) and not any(
                is_struct_elem(g) and g.S == Name.Lbl for k in kids if k.S == Name.LBody for g in struct_kids(k)):
            return
        labels, body_kids, body = [], [], None
        for kid in kids:
            if is_struct_elem(kid) and kid.S == Name.Lbl:
                labels.append(kid)
            elif is_struct_elem(kid) and kid.S == Name.LBody:
                body = body or kid
                for grandkid in struct_kids(kid):
                    if is_struct_elem(grandkid) and grandkid.S == Name.Lbl and not labels and not body_kids:
                        labels.append(grandkid)
                    else:
                        body_kids.append((grandkid, kid))
                if kid.objgen != body.objgen:
                    self.moved[kid.objgen] = body
            else:
                body_kids.append((kid, item))
        if body is None and body_kids:
            body = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.LBody, P=item, K=Array()))
            if "/Pg" in item:
                body.Pg = item.Pg
        for label in labels:
            label.P = item
        if body is not None:
            set_struct_kids(body, [self._move_kid(kid, source, body) for kid, source in body_kids])
        set_struct_kids(item, labels + ([body] if body is not None else []))

    # Empty elements --------------------------------------------------------------------------

    def prune(self, element) -> bool:
        """Drop empty elements below `element`; True if `element` itself is now empty."""
        kids = struct_kids(element)
        out = []
        for kid in kids:
            if is_struct_elem(kid) and self.prune(kid) and str(kid.S) not in MAY_BE_EMPTY:
                self.moved[kid.objgen] = None
                continue
            out.append(kid)
        if len(out) != len(kids):
            set_struct_kids(element, out)
        return not out and "/Alt" not in element

    # Tables ----------------------------------------------------------------------------------

    def _to_artifact(self, element) -> None:
        for kid in struct_kids(element):
            if is_struct_elem(kid):
                self._to_artifact(kid)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                self.artifacts[self.page_index[kid.Pg.objgen]].add(int(kid.MCID))
            elif not isinstance(kid, Dictionary) and element.get("/Pg") is not None:
                self.artifacts[self.page_index[element.Pg.objgen]].add(int(kid))

    # The parent tree and the content streams ---------------------------------------------------

    def reachable(self) -> set:
        seen = set()
        stack = [k for k in struct_kids(self.root) if is_struct_elem(k)]
        while stack:
            element = stack.pop()
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
            stack.extend(k for k in struct_kids(element) if is_struct_elem(k))
        return seen

    def parent_tree(self) -> None:
        """Point the parent tree at the elements content now belongs to; what the tree no longer
        reaches (a margin box's "Page N of M", a repeated header) becomes an artifact."""
        reachable = self.reachable()
        pages_by_key = {}
        for i, page in enumerate(self.pdf.pages):
            if "/StructParents" in page.obj:
                pages_by_key[int(page.obj.StructParents)] = i

        def resolve(obj):
            while is_struct_elem(obj) and obj.objgen not in reachable and obj.objgen in self.moved:
                obj = self.moved[obj.objgen]
                if obj is None:
                    return None
            return obj if is_struct_elem(obj) and obj.objgen in reachable else None

        for node in self._number_tree_nodes(self.root.ParentTree):
            nums = node.Nums
            for i in range(0, len(nums), 2):
                key, value = int(nums[i]), nums[i + 1]
                if isinstance(value, Array):
                    page = pages_by_key.get(key)
                    fixed = Array()
                    for mcid, obj in enumerate(value):
                        target = resolve(obj) if is_struct_elem(obj) else None
                        if target is None or (page is not None and mcid in self.artifacts[page]):
                            if page is not None and is_struct_elem(obj):
                                self.artifacts[page].add(mcid)
                            fixed.append(None)
                        else:
                            fixed.append(target)
                    nums[i + 1] = fixed
                elif is_struct_elem(value):
                    target = resolve(value)
                    if target is not None:
                        nums[i + 1] = target

    @staticmethod
    def _number_tree_nodes(node):
        out = [node]
        for kid in node.get("/Kids", []):
            out.extend(_Repair._number_tree_nodes(kid))
        return [n for n in out if "/Nums" in n]

    def contents(self) -> None:
        for index, mcids in self.artifacts.items():
            if not mcids:
                continue
            page = self.pdf.pages[index]
            instructions = pikepdf.parse_content_stream(page)
            changed = False
            out = []
            for operands, operator in instructions:
                if (str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary)
                        and "/MCID" in operands[1] and int(operands[1].MCID) in mcids):
                    operands = [Name.Artifact, Dictionary(Type=Name.Pagination)]
                    changed = True
                out.append((operands, operator))
            if changed:
                page.obj.Contents = self.pdf.make_stream(pikepdf.unparse_content_stream(out))

    def strip(self) -> None:
        for element_id in self.reachable():
            element = self.pdf.get_object(element_id)
            if SOURCE_KEY in element:
                del element[SOURCE_KEY]


def repair(data: bytes) -> bytes:
    """The PDF with its tag tree put right (see the module docstring); untagged PDFs as they are,
    except for printable annotations."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            _printable_annotations(pdf)
            return _save(pdf)
        fix = _Repair(pdf)
        for top in struct_kids(fix.root):
            if is_struct_elem(top):
                fix.join(top)
                fix.lists(top)
                fix.prune(top)
                fix.tables(top)
        fix.parent_tree()
        fix.contents()
        _printable_annotations(pdf)
        fix.strip()
        return _save(pdf)


def _printable_annotations(pdf: pikepdf.Pdf) -> None:
    """PDF/UA (and PDF/A) want every annotation printable: Print set; Invisible, Hidden, NoView not."""
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            annot.F = (int(annot.get("/F", 0)) | 4) & ~(1 | 2 | 32)


def _save(pdf) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return buffer.getvalue()
