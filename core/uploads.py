"""Appendix uploads are parsed, not sniffed, and stored only once they are inert.

A PDF must open with pikepdf without repair (a truncated or damaged file is refused, not patched
up), must not be encrypted, and must have a page; then everything in it that acts rather than
shows is removed: JavaScript, the action run on opening, automatic actions of the document, its
pages, annotations and form fields, launch and other non-navigation actions, links to local
files, embedded and attached files, XFA forms and multimedia. What is stored (and hashed) is that
cleaned copy, rewritten by qpdf, so nothing after the PDF's end (a polyglot's payload) survives.

A Word or Excel file is checked by `core.office.inspect_package` (a sound zip, every XML part
parses, no links, fields, objects or macros that pull anything in).

Every refusal is a ValidationError whose message names the file and the problem.
"""
import hashlib
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from core.office import PackageRefused, inspect_package

OLE_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Actions that only move the reader about, or open a web page when the reader clicks.
NAVIGATION_ACTIONS = {"/GoTo", "/URI", "/Named", "/Thread"}
SAFE_NAMED_ACTIONS = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}
ALL_ACTIONS = NAVIGATION_ACTIONS | {
    "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Sound", "/Movie", "/Hide", "/SubmitForm", "/ResetForm",
    "/ImportData", "/JavaScript", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/RichMediaExecute", "/ECMAScript",
}
SAFE_URI_SCHEMES = (b"http://", b"https://", b"mailto:")
REMOVED_ANNOTATIONS = {
    "/FileAttachment": "attached files", "/Sound": "multimedia", "/Movie": "multimedia", "/Screen": "multimedia",
    "/RichMedia": "multimedia", "/3D": "multimedia",
}
ACTION_LABELS = {"/JavaScript": "JavaScript", "/ECMAScript": "JavaScript", "/Launch": "launch actions (start a program)"}


@dataclass(frozen=True)
class CheckedAppendix:
    """An upload that passed: its kind, the bytes to store, their SHA-256, and what was removed."""

    kind: str
    content: bytes
    sha256: str
    removed: tuple[str, ...] = ()
    tagged: bool | None = None  # for a PDF: does it carry tags (structure a screen reader can follow)?


def check_appendix(upload) -> CheckedAppendix:
    """Validate an uploaded appendix and return what to store, or raise ValidationError with a clear message."""
    limit = settings.QUORUM_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"“{upload.name}” is {filesizeformat(upload.size)}; appendices can be at most {filesizeformat(limit)}."
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:
        raise ValidationError(f"“{upload.name}” is larger than {filesizeformat(limit)}, the limit for appendices.")
    if not data:
        raise ValidationError(f"“{upload.name}” is empty.")
    if data.startswith(b"%PDF-"):
        content, removed = clean_pdf(data, upload.name)
        return CheckedAppendix("pdf", content, hashlib.sha256(content).hexdigest(), removed, pdf_is_tagged(content))
    if data.startswith(b"PK\x03\x04"):
        try:
            kind = inspect_package(data)
        except PackageRefused as exc:
            raise ValidationError(f"“{upload.name}” {exc}.")
        return CheckedAppendix(kind, data, hashlib.sha256(data).hexdigest())
    if data.startswith(OLE_COMPOUND_FILE):
        raise ValidationError(
            f"“{upload.name}” is an old-style (.doc or .xls) or password-protected Office file. "
            "Save it as a Word (.docx) or Excel (.xlsx) file without a password, or as a PDF, and attach it again."
        )
    raise ValidationError(
        f"“{upload.name}” is not a PDF, Word (.docx) or Excel (.xlsx) file. "
        "Appendices must be one of those; the file was checked by its content, not its name."
    )


# PDFs ------------------------------------------------------------------------------------------

def clean_pdf(data: bytes, name: str) -> tuple[bytes, tuple[str, ...]]:
    """Open the PDF strictly, refuse it if damaged, encrypted or empty, and return a rewritten copy
    with everything that acts removed, and the list of what was removed (for the officer)."""
    import pikepdf

    damaged = (f"“{name}” could not be read as a PDF: it looks damaged or incomplete (for example cut short "
               "while copying). Save or export it again and attach the new copy")
    try:
        pdf = pikepdf.open(io.BytesIO(data), attempt_recovery=False)
    except pikepdf.PasswordError:
        raise ValidationError(f"“{name}” is protected with a password. Save a copy without a password and attach that.")
    except Exception as exc:  # qpdf reports every kind of damage as one of several exception types
        raise ValidationError(f"{damaged} ({_reason(exc)}).")
    with pdf:
        if pdf.is_encrypted:
            raise ValidationError(f"“{name}” is encrypted. Save a copy without encryption or a password and attach that.")
        try:
            pages = len(pdf.pages)
            removed = _strip_active_content(pdf)
            out = io.BytesIO()
            pdf.save(out)
        except Exception as exc:
            raise ValidationError(f"{damaged} ({_reason(exc)}).")
    if pages < 1:
        raise ValidationError(f"“{name}” has no pages.")
    return out.getvalue(), removed


def pdf_is_tagged(data: bytes) -> bool:
    """Whether a PDF is tagged: it has a structure tree and says it is marked (/MarkInfo /Marked true).
    An untagged PDF reads to a screen reader as loose text, or as nothing at all if it is scanned;
    the accessibility regulations expect documents a council publishes to be tagged."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            root = pdf.Root
            mark_info = root.get("/MarkInfo")
            marked = isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked", False))
            return "/StructTreeRoot" in root and marked
    except Exception:
        return False


def _reason(exc: Exception) -> str:
    """qpdf's own words, less the name of the in-memory stream it read."""
    text = re.sub(r"^(stream )?<[^>]*>:?\s*", "", " ".join(str(exc).split()))
    return (text[:120] + "…") if len(text) > 120 else (text or type(exc).__name__)


def _strip_active_content(pdf) -> tuple[str, ...]:
    """Remove, in place, whatever in the PDF runs, launches, submits or carries files."""
    import pikepdf

    removed: dict[str, None] = {}  # in the order found, each once

    def note(what: str) -> None:
        removed.setdefault(what)

    root = pdf.Root
    if "/OpenAction" in root:
        del root["/OpenAction"]
        note("an action run when the file opens")
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/JavaScript" in names:
            del names["/JavaScript"]
            note("JavaScript")
        if "/EmbeddedFiles" in names:
            del names["/EmbeddedFiles"]
            note("embedded files")
    acroform = root.get("/AcroForm")
    if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
        del acroform["/XFA"]
        note("an XFA form (it can hold scripts)")

    def action_is_safe(action) -> bool:
        kind = action.get("/S")
        if kind not in NAVIGATION_ACTIONS:
            return False
        if kind == "/Named" and action.get("/N") not in SAFE_NAMED_ACTIONS:
            return False
        if kind == "/URI":
            uri = action.get("/URI")
            if not isinstance(uri, pikepdf.String) or not bytes(uri).lower().startswith(SAFE_URI_SCHEMES):
                return False
        following = action.get("/Next")
        if following is not None:
            chain = list(following) if isinstance(following, pikepdf.Array) else [following]
            return all(isinstance(a, pikepdf.Dictionary) and action_is_safe(a) for a in chain)
        return True

    def is_action(value) -> bool:
        return isinstance(value, pikepdf.Dictionary) and value.get("/S") in ALL_ACTIONS

    def label(action) -> str:
        kind = str(action.get("/S"))
        if kind == "/URI":
            return "links to local files or programs"
        return ACTION_LABELS.get(kind, "actions that do more than move between pages")

    def clean(dictionary) -> None:
        for key in list(dictionary.keys()):
            value = dictionary.get(key)
            if key == "/AA":
                del dictionary[key]
                note("actions run automatically (on opening a page, printing or typing)")
            elif key in ("/JS", "/AF"):
                del dictionary[key]
                note("JavaScript" if key == "/JS" else "embedded files")
            elif key in ("/A", "/PA", "/OpenAction") and is_action(value) and not action_is_safe(value):
                note(label(value) if key != "/OpenAction" else "an action run when the file opens")
                del dictionary[key]
            elif key == "/Annots" and isinstance(value, pikepdf.Array):
                kept = [a for a in value
                        if not (isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") in REMOVED_ANNOTATIONS)]
                for annotation in value:
                    if isinstance(annotation, pikepdf.Dictionary) and annotation.get("/Subtype") in REMOVED_ANNOTATIONS:
                        note(REMOVED_ANNOTATIONS[str(annotation.get("/Subtype"))])
                if len(kept) != len(value):
                    dictionary[key] = pikepdf.Array(kept)
            elif isinstance(value, pikepdf.Dictionary) and not value.is_indirect:
                clean(value)
            elif isinstance(value, pikepdf.Array) and not value.is_indirect:
                for element in value:
                    if isinstance(element, pikepdf.Dictionary) and not element.is_indirect:
                        clean(element)

    # Every object in the file, direct children included: actions hide in annotations, outlines,
    # form fields and name trees as well as in the catalogue and pages.
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            clean(obj)
    return tuple(removed)
