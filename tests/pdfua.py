"""PDF/UA-1 checks for the tests: an independent checker, then the Matterhorn checkpoints issue 11
names, read from the structure tree with pikepdf.

The independent checker is `page` (PyPI `page-validation`), a PDF/UA-1 validator built on the
Matterhorn Protocol and cross-tested against veraPDF's corpus (veraPDF itself is Java and neither
on PyPI nor in Debian). `pdfua` (PyPI, on pikepdf) adds its table checks.
"""
import io
import tempfile
from collections import defaultdict

import pikepdf


def checker_failures(data: bytes) -> list[str]:
    """What the independent checkers find, as "RULE: message" lines; empty when the PDF passes."""
    import page
    import pdfua

    report = page.validate_pdf_bytes(data, profile="ua1")
    found = [f"{f.rule_id}: {f.message}" for f in report.failures]
    if not report.is_compliant and not found:
        found.append(f"page: not compliant ({report.checks.failed} checks failed)")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        second = pdfua.validate(f.name)
    found += [f"pdfua {f.rule_id}: {f.message}" for f in second.findings if f.severity.name == "ERROR"]
    return found


def _kids(element) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _is_elem(obj) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj and obj.get("/Type") not in ("/MCR", "/OBJR")


def structure_failures(data: bytes) -> list[str]:
    """The checkpoints issue 11 lists, each as a sentence naming the page; empty when none fails."""
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {p.objgen: n for n, p in enumerate(pdf.pages, start=1)}
    failures = []
    tree_order = defaultdict(list)  # page -> MCIDs in the order the tags read

    def page_of(element):
        return pages.get(element.Pg.objgen) if "/Pg" in element else None

    def walk(element, parent_role):
        role = str(element.S)
        kids = _kids(element)
        where = f"page {page_of(element)}"
        if role == "/LI" and parent_role != "/L":
            failures.append(f"an LI outside an L on {where}")
        if role == "/L":
            for kid in kids:
                if _is_elem(kid) and str(kid.S) not in ("/LI", "/L", "/Caption"):
                    failures.append(f"an L holding a {kid.S} on {where}")
        if role == "/TH":
            attrs = element.get("/A")
            attrs = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []
            if not any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in attrs):
                failures.append(f"a header cell without /Scope on {where}")
        if role == "/Table":
            roles = [str(k.S) for k in kids if _is_elem(k)]
            if roles and all(r == "/Caption" for r in roles):
                failures.append(f"a table that is only a caption on {where}")
        if role in ("/Span", "/P", "/Div", "/NonStruct") and not kids and "/Alt" not in element:
            failures.append(f"an empty {role} on {where}")
        for kid in kids:
            if isinstance(kid, int):
                tree_order[page_of(element)].append(int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                tree_order[pages[kid.Pg.objgen]].append(int(kid.MCID))
            elif _is_elem(kid):
                walk(kid, role)

    for top in _kids(pdf.Root.StructTreeRoot):
        walk(top, None)
        # Two tables in a row, the second starting on the next page: one table cut by the break.
        siblings = []

        def tables_cut(element):
            kids = [k for k in _kids(element) if _is_elem(k)]
            for a, b in zip(kids, kids[1:]):
                if a.S == "/Table" and b.S == "/Table" and page_of(b) == (page_of(a) or 0) + 1:
                    siblings.append(page_of(a))
            for kid in kids:
                tables_cut(kid)

        tables_cut(top)
        failures += [f"a table split into two tables over pages {n} and {n + 1}" for n in siblings]

    for n, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link" and not int(annot.get("/F", 0)) & 4:
                failures.append(f"a link annotation without the Print flag on page {n}")
        painted = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if (str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary)
                    and "/MCID" in operands[1]):
                painted.append(int(operands[1].MCID))
        tagged = tree_order.get(n, [])
        if set(painted) - set(tagged):
            failures.append(f"content marked as content but not in the tag tree (not an artifact) on page {n}")
        if [m for m in painted if m in set(tagged)] != tagged:
            failures.append(f"content painted out of tag order on page {n}")
    return failures


def assert_pdf_ua(data: bytes, name: str) -> None:
    failures = checker_failures(data) + structure_failures(data)
    assert not failures, f"{name} fails PDF/UA-1:\n  " + "\n  ".join(failures)
