"""Writes of the search app: reading a stored file's text once, then indexing it."""
from django.db import IntegrityError, transaction

from meetings.models import Attachment
from packs.models import PackVersion

from . import indexing
from .documents import TextUnreadable, extract_text, sha256_of
from .models import DocumentText


def document_text_extract(*, kind: str, pk: int) -> DocumentText | None:
    """Read the text of an appendix ("attachment") or a pack version ("pack") once per content
    and reindex what shows it. Safe to run twice: the text is keyed by the file's sha256."""
    model = Attachment if kind == "attachment" else PackVersion
    stored = model.objects.filter(pk=pk).first()
    if stored is None or not stored.file:
        return None
    with stored.file.open("rb") as handle:
        data = handle.read()
    sha256 = sha256_of(data)
    document = DocumentText.objects.filter(sha256=sha256).first()
    if document is None:
        file_kind = stored.kind if kind == "attachment" else "pdf"
        try:
            text, error = extract_text(data, file_kind), ""
        except TextUnreadable as exc:
            text, error = "", str(exc)[:300]
        try:
            with transaction.atomic():
                document = DocumentText.objects.create(sha256=sha256, text=text, error=error)
        except IntegrityError:  # the same content read at the same time elsewhere
            document = DocumentText.objects.get(sha256=sha256)
    if stored.sha256 != sha256:
        # Stored before its hash was recorded: the index looks texts up by the stored hash.
        model.objects.filter(pk=pk).update(sha256=sha256)
    if kind == "attachment":
        indexing.reindex_reports([stored.report_id])
    else:
        indexing.reindex_packs([stored.pack_id])
    return document
