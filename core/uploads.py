"""Appendix uploads are checked by what they contain, never by their name."""
import hashlib
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def sniff_kind(head: bytes, fileobj) -> str | None:
    """'pdf', 'docx', 'xlsx' from the bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        for kind, part in OOXML_MAIN_PART.items():
            if part in names:
                return kind
    return None


def check_appendix(upload) -> tuple[str, str]:
    """Validate an uploaded appendix. Returns (kind, sha256) or raises ValidationError with a clear message."""
    limit = settings.QUORUM_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"“{upload.name}” is {filesizeformat(upload.size)}; appendices can be at most {filesizeformat(limit)}."
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = sniff_kind(data[:8], io.BytesIO(data))
    if kind is None:
        raise ValidationError(
            f"“{upload.name}” is not a PDF, Word (.docx) or Excel (.xlsx) file. "
            "Appendices must be one of those; the file was checked by its content, not its name."
        )
    return kind, hashlib.sha256(data).hexdigest()
