"""A report section's HTML as structure: numbered paragraphs, continuations, lists and tables.

A section is a sequence of top-level blocks. A paragraph (<p>) or sub-heading (<h3>, <h4>) is
numbered N.1, N.2 … in order unless it is a continuation (`class="continuation"`); lists, tables
and quotations belong to the paragraph above them and are never numbered. The editor shows the
same numbers from the same rule (assets/report_editor.js), so a paragraph moved, inserted or
deleted renumbers the rest on screen, in the editor and in the PDF alike.

Tables are made accessible here, whatever wrote them (the editor, a paste from Word, a .docx
import): a first row of header cells becomes <thead> with `scope="col"`, a header cell that
starts a body row gets `scope="row"`, so a printed table repeats its header row on each page.
"""
import re

from lxml import html as lxml_html

NUMBERED_TAGS = {"p", "h3", "h4"}


def _fragments(html: str) -> list:
    """The top-level nodes of an HTML fragment (a leading bare string is wrapped in a <p>)."""
    if not html or not html.strip():
        return []
    nodes = lxml_html.fragments_fromstring(html)
    if nodes and isinstance(nodes[0], str):
        text = nodes[0]
        nodes = nodes[1:]
        if text.strip():
            p = lxml_html.Element("p")
            p.text = text
            nodes.insert(0, p)
    return nodes


def _serialise(nodes) -> str:
    return "".join(lxml_html.tostring(n, encoding="unicode") for n in nodes)


def is_continuation(el) -> bool:
    return "continuation" in (el.get("class") or "").split()


def _has_content(el) -> bool:
    return bool("".join(el.itertext()).strip()) or el.find(".//img") is not None


def _all_bold(cell) -> bool:
    """A cell whose every word is bold: how Word (and a Word paste) marks a header row."""
    text = "".join(cell.itertext()).strip()
    if not text:
        return False
    bold = "".join("".join(b.itertext()) for b in cell.xpath(".//b | .//strong"))
    return "".join(bold.split()) == "".join(text.split())


def _unbold(cell) -> None:
    for b in cell.xpath(".//b | .//strong"):
        b.drop_tag()


def _fix_table(table) -> None:
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    if not rows:
        return
    first = rows[0]
    cells = first.xpath("./td | ./th")
    if len(rows) > 1 and cells and all(c.tag == "th" or _all_bold(c) for c in cells):
        for c in cells:
            if c.tag == "td":
                c.tag = "th"
                _unbold(c)
    header = bool(cells) and all(c.tag == "th" for c in cells)
    if header:
        for c in cells:
            c.set("scope", "col")
        if first.getparent().tag != "thead":
            thead = table.find("thead")
            if thead is None:
                thead = lxml_html.Element("thead")
                caption = table.find("caption")
                table.insert(table.index(caption) + 1 if caption is not None else 0, thead)
            first.getparent().remove(first)
            thead.append(first)
    for row in rows[1:] if header else rows:
        row_cells = row.xpath("./td | ./th")
        for i, c in enumerate(row_cells):
            if c.tag == "th" and not c.get("scope"):
                c.set("scope", "row" if i == 0 else "col")
    # Rows left directly under <table> go into a <tbody> after the <thead>.
    loose = table.xpath("./tr")
    if loose:
        tbody = table.find("tbody")
        if tbody is None:
            tbody = lxml_html.Element("tbody")
            table.append(tbody)
        for r in loose:
            table.remove(r)
            tbody.append(r)
    # Word and the editor give every cell colspan="1" rowspan="1": noise.
    for c in table.iter("td", "th"):
        for attr in ("colspan", "rowspan"):
            if c.get(attr) == "1":
                del c.attrib[attr]


def normalise_section(html: str) -> str:
    """The canonical form stored for a section (after nh3): accessible tables, no empty paragraphs.

    Idempotent, so saving what the editor was given stores exactly what was there.
    """
    nodes = [n for n in _fragments(html) if not (n.tag in NUMBERED_TAGS and not _has_content(n))]
    for n in nodes:
        # What nh3 leaves of Word's markup: empty class="" and bare <span>s.
        for el in [n, *n.iterdescendants()]:
            if not isinstance(el.tag, str):
                continue
            if el.get("class") == "":
                del el.attrib["class"]
            if el.tag == "span" and not el.attrib and el is not n:
                el.drop_tag()
    for n in nodes:
        for table in ([n] if n.tag == "table" else []) + n.findall(".//table"):
            _fix_table(table)
    return _serialise(nodes)


def numbered_blocks(html: str, section) -> list[tuple[str | None, object]]:
    """(number or None, element) for each top-level block of the section, in order."""
    out, count = [], 0
    for n in _fragments(html):
        number = None
        if n.tag in NUMBERED_TAGS and not is_continuation(n) and _has_content(n):
            count += 1
            number = f"{section}.{count}"
        out.append((number, n))
    return out


def number_section(html: str, section) -> str:
    """The section's HTML with each numbered block carrying its number as its first words."""
    rendered = []
    for number, n in numbered_blocks(html, section):
        if number:
            classes = [c for c in (n.get("class") or "").split() if c] + ["numbered"]
            n.set("class", " ".join(classes))
            span = lxml_html.Element("span")
            span.set("class", "para-no")
            span.text = number
            span.tail = " " + (n.text or "")
            n.text = None
            n.insert(0, span)
        for table in ([n] if n.tag == "table" else []) + n.findall(".//table"):
            _fix_table(table)
        rendered.append(n)
    return _serialise(rendered)


_TRIX_BREAKS = re.compile(r"(?:<br\s*/?>\s*){2,}", re.I)


def from_trix(html: str) -> str:
    """Trix's <div>…<br><br>…</div> as paragraphs (used once, by the migration to structure)."""
    nodes = _fragments(html)
    out = []
    for n in nodes:
        if n.tag == "div" and not n.xpath("./table|./ul|./ol|./h3|./p|./blockquote"):
            inner = (n.text or "") + "".join(lxml_html.tostring(c, encoding="unicode") for c in n)
            for part in _TRIX_BREAKS.split(inner):
                part = re.sub(r"^(?:\s|<br\s*/?>)+|(?:\s|<br\s*/?>)+$", "", part)
                if part:
                    out.append(f"<p>{part}</p>")
        else:
            out.append(lxml_html.tostring(n, encoding="unicode"))
    return "".join(out)


def plain_numbers(html: str, section) -> list[str]:
    """ "1.1 Rate of offending …" for each numbered paragraph: what a reader sees, for tests."""
    return [f"{number} {' '.join(''.join(n.itertext()).split())}"
            for number, n in numbered_blocks(html, section) if number]


