"""Word in: a report built from a .docx written on the council's template (mammoth → HTML).

What is recognised: the cover sheet's rows by their labels (title of paper, directors, wards,
contact and other officers, summary, recommendations), each section by its heading as the board's
template names it (with or without its number, in any case), and in each section its paragraphs,
a paragraph typed with its number ("1.4 Facts and figures", "7. The CSE …") becoming a numbered
paragraph and the rest continuations; lists, tables (a bold first row becomes the header row),
bold and italic. Everything else is listed as not brought in, so nothing is dropped silently:
the officer sees both lists, with the form filled in, before anything is saved.
"""
import io
import re
from dataclasses import dataclass, field

import mammoth
from lxml import html as lxml_html

from core.report_html import _fragments
from core.sanitise import sanitise_html

_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3})?)\.?\s+")
_COVER = [
    ("title", ("title of paper", "title of report", "title")),
    ("directors", ("director(s)", "corporate director", "director")),
    ("wards_affected", ("wards affected",)),
    ("contact_officers", ("contact officer", "report author")),
    ("other_officers", ("other officers", "other colleagues")),
    ("summary", ("summary of issues", "summary")),
    ("recommendations", ("recommendation",)),
]


@dataclass
class WordImport:
    fields: dict = field(default_factory=dict)
    recognised: list = field(default_factory=list)
    not_recognised: list = field(default_factory=list)


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9()/]+", " ", _NUMBER.sub("", text).lower()).strip()


def _excerpt(text: str) -> str:
    return text if len(text) <= 90 else text[:87] + "…"


def _cell_lines(cell) -> list[str]:
    html = lxml_html.tostring(cell, encoding="unicode")
    parts = re.split(r"<br\s*/?>|</p>|</li>", html)
    return [t for t in (" ".join(lxml_html.fromstring(f"<div>{p}</div>").text_content().split()) for p in parts) if t]


def _cover_sheet(table, result: WordImport, priorities) -> None:
    rows = [tr.xpath("./td|./th") for tr in table.iter("tr")]
    pending = None  # a label row whose value is in the rows below (summary, recommendations)
    for cells in rows:
        if not cells:
            continue
        label = _text(cells[0])
        lowered = label.lower().rstrip(":")
        target = next((name for name, labels in _COVER if any(lowered.startswith(lb) for lb in labels)), None)
        rest = [c for c in cells[1:] if _text(c)]
        if target and "wards affected" in " ".join(_text(c).lower() for c in cells[1:]) and target == "directors":
            # "Director(s) … | Wards affected: ALL" on one row.
            for c in rest:
                if _text(c).lower().startswith("wards affected"):
                    result.fields["wards_affected"] = _text(c).split(":", 1)[-1].strip().title() or "All"
            rest = [c for c in rest if not _text(c).lower().startswith("wards affected")]
        if target:
            pending = None
            values = [line for c in rest for line in _cell_lines(c)]
            if target in ("summary", "recommendations") and not values:
                pending = target
                continue
            if target == "recommendations":
                values = [_NUMBER.sub("", v) for v in values if not re.fullmatch(r"\d+\)?\.?", v)]
            result.fields[target] = "\n".join(values)
            result.recognised.append(f"Cover sheet: {label.rstrip(':')}")
            continue
        if lowered.startswith("relevant council plan"):
            names = {line.lower(): line for c in cells[1:] for line in _cell_lines(c)}
            for p in priorities:
                if p.name.lower() in names:
                    result.fields.setdefault("strategic_priorities", []).append(p.pk)
                    result.recognised.append(f"Strategic priority ticked: {p.name}")
            continue
        name_match = next((p for p in priorities if p.name.lower() == lowered), None)
        if name_match is not None:
            if any(_text(c) for c in cells[1:]):
                result.fields.setdefault("strategic_priorities", []).append(name_match.pk)
                result.recognised.append(f"Strategic priority ticked: {name_match.name}")
            continue
        if pending:
            lines = [line for c in cells for line in _cell_lines(c)]
            if pending == "recommendations":
                lines = [_NUMBER.sub("", v) for v in lines if not re.fullmatch(r"\d+\)?\.?", v)]
            joined = "\n".join(lines)
            result.fields[pending] = (result.fields.get(pending, "") + "\n" + joined).strip()
            if f"Cover sheet: {pending}" not in result.recognised:
                result.recognised.append(f"Cover sheet: {pending}")
            continue
        if label:
            result.not_recognised.append(f"Cover sheet row “{_excerpt(' | '.join(_text(c) for c in cells))}”")


_LEADING_NUMBER = re.compile(
    r"^(<(?:p|h\d)\b[^>]*>)((?:<(?:strong|b|em|i)>)*)\s*(\d{1,2}(?:\.\d{1,3})?)\.?((?:</(?:strong|b|em|i)>)*)(?:\s|&#9;)+")


def _section_html(blocks) -> tuple[str, int, int]:
    """A section's blocks as stored HTML: a paragraph or heading typed with its number becomes a
    numbered paragraph (the number is structure, so the typed one goes), any other a continuation."""
    out, numbered, tables = [], 0, 0
    for el in blocks:
        if el.tag in ("h1", "h2", "h4", "h5", "h6"):
            el.tag = "h3"
        if el.tag == "table":
            tables += 1
        html = lxml_html.tostring(el, encoding="unicode")
        if el.tag in ("p", "h3"):
            match = _LEADING_NUMBER.match(html)
            if match:
                numbered += 1
                html = match.group(1) + match.group(2) + match.group(4) + html[match.end():]
                html = re.sub(r"<(strong|b|em|i)>\s*</\1>", "", html)
            elif _text(el):
                html = re.sub(r"^<(p|h3)\b", r'<\1 class="continuation"', html)
        out.append(html)
    return sanitise_html("".join(out)), numbered, tables


def import_docx(data: bytes, *, template_sections, priorities=()) -> WordImport:
    """Read a .docx (already checked like an upload) into the report form's fields."""
    images = []

    def _image(image):
        images.append(image.content_type)
        return {"alt": image.alt_text or ""}

    converted = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(_image))
    result = WordImport()
    headings = {_key(s.heading): s for s in template_sections}
    current, blocks, sections = None, [], {}
    for el in _fragments(converted.value):
        if not isinstance(el.tag, str):
            continue
        text = _text(el)
        if el.tag != "table" and text and _key(text) in headings:
            if current is not None:
                sections[current] = blocks
            current, blocks = headings[_key(text)], []
            continue
        if current is None:
            if el.tag == "table" and "title" not in result.fields:
                _cover_sheet(el, result, priorities)
            elif text:
                result.not_recognised.append(f"Before the first section: “{_excerpt(text)}”")
            continue
        blocks.append(el)
    if current is not None:
        sections[current] = blocks
    for section in template_sections:
        if section in sections:
            html, numbered, tables = _section_html(sections[section])
            result.fields[section.field] = html
            extra = f", {tables} table{'s' if tables != 1 else ''}" if tables else ""
            result.recognised.append(f"{section.number} {section.heading}: {numbered} numbered paragraph"
                                     f"{'s' if numbered != 1 else ''}{extra}")
        else:
            result.not_recognised.append(f"No section headed “{section.number} {section.heading}” was found")
    if images:
        result.not_recognised.append(
            f"{len(images)} picture{'s' if len(images) != 1 else ''}: pictures are not kept in a report's text; "
            "attach them as an appendix (PDF) instead")
    for message in converted.messages:
        if "image" not in message.message.lower() and "Style ID: Title" not in message.message:
            result.not_recognised.append(f"Word formatting not brought in: {message.message}")
    return result
