"""What makes a Word or Excel file acceptable at upload: a sound package that pulls nothing in.

The package must be a sound zip (sizes and compression ratios read from the zip directory, then
counted while streaming, never inflated whole) whose XML parts all parse without DTDs or
entities, and must pull nothing in from elsewhere: no external relationships (bar ordinary web
and e-mail hyperlinks), no linked pictures, no INCLUDEPICTURE/INCLUDETEXT/LINK/DDE fields, no
OLE objects, macros, ActiveX controls, remote templates, links to other workbooks, data
connections or DDE formulas. What was found is named for the officer.
"""
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
XML_SUFFIXES = (".xml", ".rels", ".vml")
# Below this, a part's compression ratio says nothing (a few KB of repeated markup squeeze well).
RATIO_FLOOR_BYTES = 1 << 20
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
O_NS = "{urn:schemas-microsoft-com:office:office}"
V_NS = "{urn:schemas-microsoft-com:vml}"
SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")

# Relationship types (by the last part of their URI) that bring in code, objects or outside data,
# wherever they point.
REFUSED_RELATIONSHIPS = {
    "oleobject": "an embedded OLE object",
    "aFChunk": "an imported foreign document (altChunk)",
    "vbaproject": "macros (a VBA project)",
    "wordvbadata": "macros (VBA data)",
    "control": "an ActiveX control",
    "activexcontrol": "an ActiveX control",
    "activexcontrolbinary": "an ActiveX control",
    "externallink": "a link to another workbook",
    "attachedtemplate": "an attached template",
    "subdocument": "a subdocument (master document)",
    "frame": "a frame showing another document",
    "connections": "a data connection",
    "querytable": "a web or database query",
    "xlmacrosheet": "an Excel 4 macro sheet",
    "xlintlmacrosheet": "an Excel 4 macro sheet",
    "mailmergesource": "a mail-merge data source",
    "mailmergeheadersource": "a mail-merge data source",
    "recipientdata": "a mail-merge data source",
}
# Fields whose first word makes Word or LibreOffice fetch something from elsewhere.
REFUSED_FIELDS = {
    "INCLUDEPICTURE": "an INCLUDEPICTURE field (pulls in a picture from elsewhere)",
    "INCLUDETEXT": "an INCLUDETEXT field (pulls in text from another file)",
    "INCLUDE": "an INCLUDE field (pulls in text from another file)",
    "IMPORT": "an IMPORT field (pulls in a picture from elsewhere)",
    "LINK": "a LINK field (shows part of another file)",
    "DDE": "a DDE field (asks another program for data)",
    "DDEAUTO": "a DDEAUTO field (asks another program for data, automatically)",
    "DATABASE": "a DATABASE field (queries an outside database)",
}
REFUSED_CONTENT_TYPES = {
    "macroenabled": "macros (a macro-enabled document type)",
    "vbaproject": "macros (a VBA project)",
    "ms-office.activex": "an ActiveX control",
    "macrosheet": "an Excel 4 macro sheet",
    "oleobject": "an embedded OLE object",
}
REFUSED_FORMULA = [
    (re.compile(r"\|"), "a formula that uses DDE to ask another program for data"),
    (re.compile(r"\b(WEBSERVICE|FILTERXML|RTD)\s*\(", re.I), "a formula that fetches data from outside (WEBSERVICE or RTD)"),
    (re.compile(r"\b(CALL|REGISTER|REGISTER\.ID|EXEC)\s*\(", re.I), "a formula that calls outside code"),
]
REFUSED_SHEET_ELEMENTS = {
    "ddeLink": "a DDE link to another program",
    "oleLink": "a linked OLE object",
    "oleObject": "an embedded OLE object",
    "externalBook": "a link to another workbook",
    "connection": "a data connection",
    "webPublishItem": "a web-publishing link",
}
REFUSED_WORD_ELEMENTS = {
    "object": "an embedded OLE object",
    "subDoc": "a subdocument (master document)",
    "altChunk": "an imported foreign document (altChunk)",
    "control": "an ActiveX control",
    "mailMerge": "a mail-merge data source",
}
STRING_LITERAL = re.compile(r'"(?:[^"]|"")*"')


class PackageRefused(Exception):
    """The package cannot be attached; the message says why, in the officer's words."""


@dataclass
class Findings:
    """What an inspection found, in order, each once: what the refusal message lists."""

    items: list = field(default_factory=list)

    def add(self, what: str, where: str = "") -> None:
        text = f"{what} ({_short(where)})" if where else what
        if text not in self.items:
            self.items.append(text)

    def sentence(self) -> str:
        shown = self.items[:6]
        more = len(self.items) - len(shown)
        return "; ".join(shown) + (f"; and {more} more" if more else "")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Budget:
    """Counts the bytes inflated across the whole package, refusing past the limits as it reads."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    def reader(self, stream, info: zipfile.ZipInfo):
        budget = self

        class Counted(io.RawIOBase):
            def readable(self):
                return True

            def readinto(self, buffer):
                chunk = stream.read(min(len(buffer), 1 << 16))
                budget.used += len(chunk)
                if budget.used > budget.limit:
                    raise PackageRefused(f"unpacks to more than {budget.limit >> 20} MB (a “zip bomb” is refused)")
                buffer[: len(chunk)] = chunk
                return len(chunk)

        return io.BufferedReader(Counted(), buffer_size=1 << 16)


def _limits():
    from django.conf import settings

    return (settings.QUORUM_OFFICE_MAX_UNPACKED_BYTES, settings.QUORUM_OFFICE_MAX_RATIO,
            settings.QUORUM_OFFICE_MAX_PARTS)


def inspect_package(data: bytes) -> str:
    """Check a .docx/.xlsx at upload; return "docx" or "xlsx".

    Raises PackageRefused with a message naming the problem: not a sound package (damaged,
    truncated, a zip bomb, XML that does not parse or declares entities), or a package that pulls
    something in from elsewhere (see the module docstring).
    """
    max_unpacked, max_ratio, max_parts = _limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise PackageRefused(f"is not a complete Word or Excel file: it looks damaged or cut short ({exc})")
    # Everything the zip directory declares is checked before a byte is inflated.
    if len(infos) > max_parts:
        raise PackageRefused(f"holds {len(infos)} parts; the limit is {max_parts}")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise PackageRefused("holds two parts with the same name (a sign of a tampered file)")
    declared = sum(i.file_size for i in infos)
    if declared > max_unpacked:
        raise PackageRefused(
            f"would unpack to {declared >> 20} MB; the limit is {max_unpacked >> 20} MB (a “zip bomb” is refused)")
    for info in infos:
        if info.flag_bits & 0x1:
            raise PackageRefused("is encrypted or password-protected; save an unprotected copy")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageRefused(f"uses a compression Word and Excel do not use (part {info.filename})")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > max_ratio * max(info.compress_size, 1):
            raise PackageRefused(
                f"has a part compressed {info.file_size // max(info.compress_size, 1)} times over "
                f"({info.filename}); the limit is {max_ratio} (a “zip bomb” is refused)")
    if declared > RATIO_FLOOR_BYTES and declared > max_ratio * max(len(data), 1):
        raise PackageRefused(f"would unpack to {declared // len(data)} times its size (a “zip bomb” is refused)")

    lowered = {n.lower(): n for n in names}
    if "[content_types].xml" not in lowered:
        raise PackageRefused("is a zip file but not a Word or Excel document")
    kind = next((k for k, part in MAIN_PARTS.items() if part in lowered), None)
    if kind is None:
        raise PackageRefused("is a zip file but not a Word (.docx) or Excel (.xlsx) document")

    findings = Findings()
    for name in names:
        base = posixpath.basename(name).lower()
        if base in ("vbaproject.bin", "vbadata.xml") or base.startswith("vbaproject"):
            findings.add("macros", name)
        elif "/activex/" in f"/{name.lower()}":
            findings.add("an ActiveX control", name)
        elif "/embeddings/" in f"/{name.lower()}" and (base.startswith("oleobject") or base.endswith(".bin")):
            findings.add("an embedded OLE object", name)
        elif "/externallinks/" in f"/{name.lower()}" and base.endswith(".xml"):
            findings.add("a link to another workbook", name)
        elif "macrosheets/" in name.lower():
            findings.add("an Excel 4 macro sheet", name)

    budget = _Budget(max_unpacked)
    for info in infos:
        try:
            with archive.open(info) as raw:
                stream = budget.reader(raw, info)
                if info.filename.lower().endswith(XML_SUFFIXES):
                    _inspect_xml(info.filename, stream, findings)
                else:
                    while stream.read(1 << 16):  # inflated in chunks, so the CRC and the budget are checked
                        pass
        except PackageRefused:
            raise
        except DefusedXmlException:
            raise PackageRefused(
                f"has a part ({info.filename}) that declares a DTD or XML entities, which Word and Excel "
                "never write; it is refused as a possible attack")
        except ParseError as exc:
            raise PackageRefused(f"has a part ({info.filename}) that is not well-formed XML ({exc}); "
                                 "it looks damaged or cut short")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise PackageRefused(f"has a damaged part ({info.filename}: {exc}); it looks cut short or corrupted")
    if findings.items:
        raise PackageRefused(
            f"pulls in or runs things from outside the document: {findings.sentence()}. "
            "Appendices must be self-contained: remove these in Word or Excel (or save the document as a PDF) "
            "and attach it again")
    return kind


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return "{" + ns + "}", name
    return "", tag


def _inspect_xml(name: str, stream, findings: Findings) -> None:
    """Stream one XML part through a parser that refuses DTDs and entities, noting what it finds."""
    is_rels = name.lower().endswith(".rels")
    is_types = name.lower() == "[content_types].xml"
    # Complex fields open now, innermost last. A field's instruction runs from its "begin" to its
    # "separate" (or "end"); fields nest, and Word builds an outer field's instruction from the
    # results of the fields inside it, so those results count as instruction text too.
    fields: list[_Field] = []
    for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        ns, tag = _local(element.tag)
        if event == "start":
            if ns == W_NS and tag == "fldChar":
                kind = element.get(f"{W_NS}fldCharType")
                if kind == "begin":
                    if fields and not fields[-1].checked and not "".join(fields[-1].parts).strip():
                        findings.add("a field whose type is made by another field (a way to hide "
                                     "INCLUDE, LINK and DDE fields)")
                    fields.append(_Field())
                elif kind in ("separate", "end") and fields:
                    if not fields[-1].checked:
                        _check_field("".join(fields[-1].parts), findings)
                        fields[-1].checked = True
                    if kind == "end":
                        fields.pop()
            continue
        if ns == W_NS and tag == "t" and fields and fields[-1].checked:
            building = next((f for f in reversed(fields) if not f.checked), None)
            if building is not None:
                building.parts.append(element.text or "")
        if is_rels and tag == "Relationship":
            _check_relationship(name, element, findings)
        elif is_types and tag in ("Override", "Default"):
            content_type = (element.get("ContentType") or "").lower()
            for marker, what in REFUSED_CONTENT_TYPES.items():
                if marker in content_type:
                    findings.add(what, element.get("PartName") or element.get("Extension") or "")
        elif ns == W_NS:
            if tag in ("instrText", "delInstrText"):
                if fields and not fields[-1].checked:
                    fields[-1].parts.append(element.text or "")
                else:
                    _check_field(element.text or "", findings)
            elif tag == "fldSimple":
                _check_field(element.get(f"{W_NS}instr") or "", findings)
            elif tag in REFUSED_WORD_ELEMENTS:
                findings.add(REFUSED_WORD_ELEMENTS[tag])
        elif ns == O_NS and tag == "OLEObject":
            findings.add("a linked OLE object" if element.get("Type") == "Link" else "an embedded OLE object",
                         element.get("ProgID") or "")
        elif ns == S_NS:
            if tag in ("f", "definedName") and element.text:
                formula = STRING_LITERAL.sub("", element.text)
                for pattern, what in REFUSED_FORMULA:
                    if pattern.search(formula):
                        findings.add(what, element.text)
            elif tag in REFUSED_SHEET_ELEMENTS:
                findings.add(REFUSED_SHEET_ELEMENTS[tag])
        elif ns == V_NS or ns == O_NS:
            # VML names a linked picture by address; an embedded one by relationship id (r:id),
            # keeping where it was pasted from in o:href, which nothing fetches.
            embedded = any(k.endswith("}id") for k in element.attrib)
            for attribute in ("src",) if embedded else ("src", f"{O_NS}href", f"{O_NS}althref"):
                target = element.get(attribute) or ""
                if target and not target.startswith("#"):
                    findings.add("a picture linked from outside the document", target)
        element.clear()  # keep memory flat on large sheets
    for unclosed in fields:  # a field never closed is checked all the same
        if not unclosed.checked:
            _check_field("".join(unclosed.parts), findings)


@dataclass
class _Field:
    parts: list = field(default_factory=list)
    checked: bool = False


def _check_field(instruction: str, findings: Findings) -> None:
    words = instruction.strip().lstrip("\\").split()
    if not words:
        return
    first = words[0].upper()
    if first in REFUSED_FIELDS:
        findings.add(REFUSED_FIELDS[first], instruction)
        return
    for word, what in REFUSED_FIELDS.items():  # however the instruction is dressed up
        if word in ("INCLUDEPICTURE", "INCLUDETEXT", "DDEAUTO") and re.search(rf"\b{word}\b", instruction, re.I):
            findings.add(what, instruction)


def _check_relationship(rels_name: str, element, findings: Findings) -> None:
    kind = (element.get("Type") or "").rsplit("/", 1)[-1]
    target = element.get("Target") or ""
    if kind.lower() in {k.lower() for k in REFUSED_RELATIONSHIPS}:
        what = next(v for k, v in REFUSED_RELATIONSHIPS.items() if k.lower() == kind.lower())
        findings.add(what, target)
        return
    if kind == "package" and "/charts/_rels/" not in f"/{rels_name.lower()}":
        # A chart keeps its data in an embedded workbook: that is data, not an object. Anywhere
        # else an embedded package is an object in the page.
        findings.add("an embedded document (package)", target)
        return
    if (element.get("TargetMode") or "").lower() == "external":
        if kind == "hyperlink" and target.lower().startswith(SAFE_LINK_SCHEMES):
            return  # an ordinary web or e-mail link: the PDF shows it, nothing is fetched
        if kind == "image":
            findings.add("a picture linked from outside the document", target)
        elif kind == "hyperlink":
            findings.add("a hyperlink to a local file or network share", target)
        else:
            findings.add("a link to something outside the document", f"{kind}: {target}")
