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
from pikepdf import Array, Dictionary, Name, String

SOURCE_KEY = "/QuorumSource"
CELL_ROLES = ("/TD", "/TH")
ROW_GROUPS = ("/THead", "/TBody", "/TFoot")
# Elements that may stand empty: a table cell keeps the grid regular.
MAY_BE_EMPTY = ("/TD", "/TH", "/TR", "/Figure", "/Link")

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

def _kids(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _is_elem(obj) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj and obj.get("/Type") not in (Name.MCR, Name.OBJR)


def _set_kids(element, kids: list) -> None:
    element.K = Array(kids)


class _Repair:
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
        if _is_elem(kid):
            kid.P = target
        return kid

    def join(self, element) -> None:
        kids = _kids(element)
        out = []
        for kid in kids:
            previous = out[-1] if out else None
            if (_is_elem(kid) and _is_elem(previous) and SOURCE_KEY in kid and SOURCE_KEY in previous
                    and str(kid[SOURCE_KEY]) == str(previous[SOURCE_KEY]) and kid.objgen != previous.objgen):
                merged = _kids(previous) + [self._move_kid(k, kid, previous) for k in _kids(kid)]
                _set_kids(previous, merged)
                self.moved[kid.objgen] = previous
                for key in ("/Alt", "/ActualText"):
                    if key in kid and key not in previous:
                        previous[key] = kid[key]
                continue
            out.append(kid)
        if len(out) != len(kids):
            _set_kids(element, out)
        for kid in out:
            if _is_elem(kid):
                self.join(kid)

    # Lists -----------------------------------------------------------------------------------

    def lists(self, element) -> None:
        kids = _kids(element)
        if element.get("/S") == Name.L:
            out, changed = [], False
            for kid in kids:
                if _is_elem(kid) and kid.S in (Name.Div, Name.NonStruct, Name.Span, Name.P):
                    for grandkid in _kids(kid):
                        if _is_elem(grandkid):
                            grandkid.P = element
                        out.append(grandkid)
                    self.moved[kid.objgen] = element
                    changed = True
                else:
                    out.append(kid)
            if changed:
                _set_kids(element, out)
                kids = out
            for kid in kids:  # a stray mark or text straight inside the list becomes an item
                if _is_elem(kid) and kid.S not in (Name.LI, Name.L, Name.Caption):
                    kid.S = Name.LI
        if element.get("/S") == Name.LI and element.P.get("/S") == Name.L:
            self._list_item(element)
        elif element.get("/S") == Name.LI and element.P.get("/S") != Name.L:
            element.S = Name.Div
            for kid in kids:
                if _is_elem(kid) and kid.S in (Name.LBody, Name.Lbl):
                    kid.S = Name.Div if kid.S == Name.LBody else Name.Span
        for kid in _kids(element):
            if _is_elem(kid):
                self.lists(kid)

    def _list_item(self, item) -> None:
        """An LI holds its label (Lbl) and one body (LBody). A marker drawn inside the text (CSS
        `list-style-position: inside`, which keeps the paint order) comes out as a Lbl among the
        body's text, or inside an LBody: put it first and the rest in the body."""
        kids = _kids(item)
        if all(_is_elem(k) and k.S in (Name.Lbl, Name.LBody) for k in kids) and not any(
                _is_elem(g) and g.S == Name.Lbl for k in kids if k.S == Name.LBody for g in _kids(k)):
            return
        labels, body_kids, body = [], [], None
        for kid in kids:
            if _is_elem(kid) and kid.S == Name.Lbl:
                labels.append(kid)
            elif _is_elem(kid) and kid.S == Name.LBody:
                body = body or kid
                for grandkid in _kids(kid):
                    if _is_elem(grandkid) and grandkid.S == Name.Lbl and not labels and not body_kids:
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
            _set_kids(body, [self._move_kid(kid, source, body) for kid, source in body_kids])
        _set_kids(item, labels + ([body] if body is not None else []))

    # Empty elements --------------------------------------------------------------------------

    def prune(self, element) -> bool:
        """Drop empty elements below `element`; True if `element` itself is now empty."""
        kids = _kids(element)
        out = []
        for kid in kids:
            if _is_elem(kid) and self.prune(kid) and str(kid.S) not in MAY_BE_EMPTY:
                self.moved[kid.objgen] = None
                continue
            out.append(kid)
        if len(out) != len(kids):
            _set_kids(element, out)
        return not out and "/Alt" not in element

    # Tables ----------------------------------------------------------------------------------

    def tables(self, element) -> None:
        if element.get("/S") == Name.Table:
            self._table(element)
        for kid in _kids(element):
            if _is_elem(kid):
                self.tables(kid)

    def _table(self, table) -> None:
        groups = [k for k in _kids(table) if _is_elem(k)]
        heads = [g for g in groups if g.S == Name.THead]
        for repeated in heads[1:]:  # the header rows WeasyPrint repeats on each page
            self._to_artifact(repeated)
            self.moved[repeated.objgen] = None
        if len(heads) > 1:
            _set_kids(table, [k for k in _kids(table) if not (_is_elem(k) and k.S == Name.THead and k.objgen != heads[0].objgen)])
        rows = []
        for kid in _kids(table):
            if _is_elem(kid) and kid.S == Name.TR:
                rows.append(kid)
            elif _is_elem(kid) and kid.S in ROW_GROUPS:
                rows.extend(r for r in _kids(kid) if _is_elem(r) and r.S == Name.TR)
        occupied = defaultdict(set)  # row -> taken columns
        placed = []  # (cell, row, col, rowspan, colspan)
        for r, row in enumerate(rows):
            c = 0
            for cell in _kids(row):
                if not (_is_elem(cell) and str(cell.S) in CELL_ROLES):
                    continue
                while c in occupied[r]:
                    c += 1
                attrs = self._table_attrs(cell)
                rowspan, colspan = int(attrs.get("/RowSpan", 1)), int(attrs.get("/ColSpan", 1))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied[r + dr].add(c + dc)
                placed.append((cell, r, c, rowspan, colspan))
                c += colspan
        # A row with fewer cells than the widest (rich text pasted from Word: a title row of one
        # cell over eight columns) has its last cell span the rest, so every row spans the same
        # number of columns and every column the same number of rows.
        width = max((max(cols) + 1 for cols in occupied.values() if cols), default=0)
        for r in range(len(rows)):
            row_cells = [p for p in placed if p[1] == r]
            taken = max(occupied[r], default=-1) + 1
            if row_cells and taken < width:
                cell, _, c, rowspan, colspan = max(row_cells, key=lambda p: p[2])
                colspan += width - taken
                self._table_attrs(cell, create=True).ColSpan = colspan
                for dr in range(rowspan):
                    occupied[r + dr].update(range(c, c + colspan))
                placed[placed.index(next(p for p in placed if p[0] is cell))] = (cell, r, c, rowspan, colspan)
        for cell, r, c, _, _ in placed:  # a header cell that did not say: by its place
            attrs = self._table_attrs(cell, create=cell.S == Name.TH)
            if cell.S == Name.TH and "/Scope" not in attrs:
                row = [p for p in placed if p[1] == r]
                in_head = rows[r].get("/P") is not None and rows[r].P.get("/S") == Name.THead
                all_headers = all(p[0].S == Name.TH for p in row)
                first = min(row, key=lambda p: p[2])[0] is cell
                attrs.Scope = Name.Column if in_head or all_headers or not first else Name.Row
        ids = {}
        for n, (cell, r, c, _, _) in enumerate(placed):
            if cell.S == Name.TH:
                if "/ID" not in cell:
                    cell.ID = String(f"th-{table.objgen[0]}-{n}")
                ids[cell.objgen] = cell.ID
        for cell, r, c, rowspan, colspan in placed:
            if cell.S != Name.TD:
                continue
            headers = []
            for other, r2, c2, rs2, cs2 in placed:
                if other.S != Name.TH:
                    continue
                scope = self._table_attrs(other).get("/Scope", Name.Column)
                same_column = c2 < c + colspan and c < c2 + cs2
                same_row = r2 < r + rowspan and r < r2 + rs2
                if (scope == Name.Column and same_column and r2 < r) or (scope == Name.Row and same_row and c2 < c):
                    headers.append(ids[other.objgen])
            attrs = self._table_attrs(cell, create=True)
            if headers:
                attrs.Headers = Array(headers)
            elif "/Headers" in attrs:
                del attrs["/Headers"]

    def _table_attrs(self, cell, create=False):
        a = cell.get("/A")
        candidates = list(a) if isinstance(a, Array) else ([a] if a is not None else [])
        for attrs in candidates:
            if isinstance(attrs, Dictionary) and attrs.get("/O") == Name.Table:
                return attrs
        if not create:
            return Dictionary()
        attrs = Dictionary(O=Name.Table)
        cell.A = Array([*candidates, attrs]) if candidates else attrs
        return attrs

    def _to_artifact(self, element) -> None:
        for kid in _kids(element):
            if _is_elem(kid):
                self._to_artifact(kid)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                self.artifacts[self.page_index[kid.Pg.objgen]].add(int(kid.MCID))
            elif not isinstance(kid, Dictionary) and element.get("/Pg") is not None:
                self.artifacts[self.page_index[element.Pg.objgen]].add(int(kid))

    # The parent tree and the content streams ---------------------------------------------------

    def reachable(self) -> set:
        seen = set()
        stack = [k for k in _kids(self.root) if _is_elem(k)]
        while stack:
            element = stack.pop()
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
            stack.extend(k for k in _kids(element) if _is_elem(k))
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
            while _is_elem(obj) and obj.objgen not in reachable and obj.objgen in self.moved:
                obj = self.moved[obj.objgen]
                if obj is None:
                    return None
            return obj if _is_elem(obj) and obj.objgen in reachable else None

        for node in self._number_tree_nodes(self.root.ParentTree):
            nums = node.Nums
            for i in range(0, len(nums), 2):
                key, value = int(nums[i]), nums[i + 1]
                if isinstance(value, Array):
                    page = pages_by_key.get(key)
                    fixed = Array()
                    for mcid, obj in enumerate(value):
                        target = resolve(obj) if _is_elem(obj) else None
                        if target is None or (page is not None and mcid in self.artifacts[page]):
                            if page is not None and _is_elem(obj):
                                self.artifacts[page].add(mcid)
                            fixed.append(None)
                        else:
                            fixed.append(target)
                    nums[i + 1] = fixed
                elif _is_elem(value):
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
        for top in _kids(fix.root):
            if _is_elem(top):
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
