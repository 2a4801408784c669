"""The text inside appendices and packs, read once per content and kept in `DocumentText`.

Files are read as the upload checks read them (core/uploads.py, core/office/): a Word or Excel
file is inspected again (sound zip, inflation counted against the same limits, XML parsed without
DTDs or entities) before its text is read; a PDF goes to poppler's pdftotext, in a subprocess
with a time limit, and pypdf when pdftotext is missing. Text is capped, so a huge file cannot
blow up the index.
"""
import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from defusedxml.ElementTree import iterparse

from core.office.package import PackageRefused, inspect_package

MAX_TEXT_CHARS = 2_000_000
PDFTOTEXT_SECONDS = 60
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class TextUnreadable(Exception):
    pass


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract_text(data: bytes, kind: str) -> str:
    """The readable text of a PDF, DOCX or XLSX file (`kind`: pdf, docx or xlsx)."""
    if kind == "pdf":
        text = _pdf_text(data)
    elif kind in ("docx", "xlsx"):
        try:
            if inspect_package(data) != kind:
                raise TextUnreadable(f"is not a {kind} file")
        except PackageRefused as exc:
            raise TextUnreadable(str(exc)) from None
        text = _docx_text(data) if kind == "docx" else _xlsx_text(data)
    else:
        raise TextUnreadable(f"no text is read from {kind} files")
    # PostgreSQL stores no NUL character in text.
    return text.replace("\x00", "")[:MAX_TEXT_CHARS]


def _pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.pdf"
            source.write_bytes(data)
            try:
                done = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(source), "-"],
                                      capture_output=True, timeout=PDFTOTEXT_SECONDS, check=False)
            except subprocess.TimeoutExpired:
                raise TextUnreadable("reading its text took too long") from None
            if done.returncode == 0:
                return done.stdout.decode("utf-8", "replace")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages)
    except Exception as exc:  # pypdf raises many kinds; a file we cannot read simply has no text
        raise TextUnreadable(f"its text could not be read ({exc.__class__.__name__})") from None


def _texts(archive: zipfile.ZipFile, name: str, tag: str, block: str | None = None) -> list[str]:
    """Every `tag` element's text in the part, a paragraph break after each `block` element."""
    out, size = [], 0
    with archive.open(name) as stream:
        for event, element in iterparse(stream, events=("end",)):
            if element.tag == tag and element.text:
                out.append(element.text)
                size += len(element.text)
            elif block and element.tag == block:
                out.append("\n")
                element.clear()
            if size > MAX_TEXT_CHARS:
                break
    return out


def _docx_text(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml") and (
        n == "word/document.xml" or n.startswith(("word/header", "word/footer", "word/footnotes", "word/endnotes")))]
    parts = []
    for name in sorted(names, key=lambda n: n != "word/document.xml"):
        parts.append("".join(_texts(archive, name, f"{W}t", f"{W}p")))
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    parts = []
    if "xl/sharedStrings.xml" in names:
        parts.append(" ".join(_texts(archive, "xl/sharedStrings.xml", f"{S}t")))
    for name in sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
        # Inline strings typed into cells (shared strings are read above).
        parts.append(" ".join(_texts(archive, name, f"{S}t")))
    return "\n".join(parts)
