"""The table part of the PDF/UA tag repair (core/pdf_tags.py): one table per HTML table however
many pages it runs over, rows of equal width, header cells with /Scope, data cells with /Headers,
and repeated header rows as pagination artifacts. A mixin of `_Repair`, which holds the PDF, the
page index and the artifacts found."""
from collections import defaultdict

from pikepdf import Array, Dictionary, Name, String

from core.pdf_tree import CELL_ROLES, ROW_GROUPS, is_struct_elem, set_struct_kids, struct_kids


class TableRepair:
    def tables(self, element) -> None:
        if element.get("/S") == Name.Table:
            self._table(element)
        for kid in struct_kids(element):
            if is_struct_elem(kid):
                self.tables(kid)

    def _table(self, table) -> None:
        groups = [k for k in struct_kids(table) if is_struct_elem(k)]
        heads = [g for g in groups if g.S == Name.THead]
        for repeated in heads[1:]:  # the header rows WeasyPrint repeats on each page
            self._to_artifact(repeated)
            self.moved[repeated.objgen] = None
        if len(heads) > 1:
            set_struct_kids(table, [k for k in struct_kids(table) if not (is_struct_elem(k) and k.S == Name.THead and k.objgen != heads[0].objgen)])
        rows = []
        for kid in struct_kids(table):
            if is_struct_elem(kid) and kid.S == Name.TR:
                rows.append(kid)
            elif is_struct_elem(kid) and kid.S in ROW_GROUPS:
                rows.extend(r for r in struct_kids(kid) if is_struct_elem(r) and r.S == Name.TR)
        occupied = defaultdict(set)  # row -> taken columns
        placed = []  # (cell, row, col, rowspan, colspan)
        for r, row in enumerate(rows):
            c = 0
            for cell in struct_kids(row):
                if not (is_struct_elem(cell) and str(cell.S) in CELL_ROLES):
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
