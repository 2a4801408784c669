"""Writes for a member's private notes. Each is one short transaction; none is audited in History
(the notes are the member's alone)."""
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .layout import paper_spans, span_at
from .models import Annotation, ReadingMark

MAX_QUOTE = 2000
MAX_NOTE = 10000


def _clean_anchor(kind: str, exact: str, note: str) -> None:
    if kind not in Annotation.Kind.values:
        raise ValidationError("Choose a highlight, a note on a page or a bookmark.")
    if kind == Annotation.Kind.HIGHLIGHT and not (exact or "").strip():
        raise ValidationError("Select some words on the page to highlight.")
    if len(exact or "") > MAX_QUOTE:
        raise ValidationError(f"A highlight can be at most {MAX_QUOTE} characters: select fewer words.")
    if len(note or "") > MAX_NOTE:
        raise ValidationError(f"A note can be at most {MAX_NOTE} characters.")


def annotation_create(*, user, version, kind: str, page: int, exact: str = "", prefix: str = "", suffix: str = "",
                      note: str = "", client_id: str | None = None) -> Annotation:
    """Save a highlight, page note or bookmark on `page` (as printed) of `version`, anchored to its paper.

    Sending the same `client_id` twice (an offline note synced again) saves it once.
    """
    _clean_anchor(kind, exact, note)
    span = span_at(paper_spans(version), int(page))
    if span is None:
        raise ValidationError(f"The pack has no page {page}.")
    try:
        client_uuid = uuid.UUID(str(client_id)) if client_id else uuid.uuid4()
    except ValueError:
        raise ValidationError("The note's id is not valid.")
    annotation = Annotation(
        owner=user, client_id=client_uuid, meeting_id=version.pack.meeting_id, kind=kind,
        item_key=span.item_key, item_number=span.item_number, item_title=span.item_title[:400],
        paper_key=span.key, paper_title=span.title[:400], exempt=span.exempt, paper_hash=span.hash,
        page_in_paper=int(page) - span.first, quote_exact=(exact or "").strip() if kind == Annotation.Kind.HIGHLIGHT else "",
        quote_prefix=(prefix or "")[-64:], quote_suffix=(suffix or "")[:64], note=note or "", version=version,
    )
    try:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():  # a savepoint, so the caller's transaction survives a repeat
                annotation.save(force_insert=True)
        else:
            annotation.save(force_insert=True)  # one INSERT, committed on its own
    except IntegrityError:
        return Annotation.objects.get(owner=user, client_id=client_uuid)
    return annotation


def annotation_update(*, annotation: Annotation, note: str, base_revision: int | None) -> tuple[Annotation, Annotation | None]:
    """Change a note's text. If it changed elsewhere since `base_revision` (an edit made offline on
    another device), neither side is lost: the saved note stays and this text becomes a second note
    on the same words, returned as the second value."""
    if len(note or "") > MAX_NOTE:
        raise ValidationError(f"A note can be at most {MAX_NOTE} characters.")
    if base_revision is not None and int(base_revision) != annotation.revision:
        if (note or "") == annotation.note:
            return annotation, None
        copy = Annotation.objects.get(pk=annotation.pk)
        copy.pk = None
        copy.client_id = uuid.uuid4()
        copy.note = note or ""
        copy.revision = 1
        copy.save(force_insert=True)
        return annotation, copy
    if (note or "") == annotation.note:
        return annotation, None  # saved unchanged: nothing changes
    updated = Annotation.objects.filter(pk=annotation.pk, revision=annotation.revision).update(
        note=note or "", revision=annotation.revision + 1)
    if not updated:  # another save won the race: keep both
        annotation.refresh_from_db()
        return annotation_update(annotation=annotation, note=note, base_revision=-1)
    annotation.refresh_from_db()
    return annotation, None


def annotation_place(*, annotation: Annotation, version, page: int, exact: str, prefix: str = "",
                     suffix: str = "") -> Annotation:
    """Re-place a note that could not be placed: on the words the member selected now."""
    _clean_anchor(Annotation.Kind.HIGHLIGHT if exact else Annotation.Kind.PAGE_NOTE, exact, annotation.note)
    if version.pack.meeting_id != annotation.meeting_id:
        raise ValidationError("A note can only be placed in a pack of its own meeting.")
    span = span_at(paper_spans(version), int(page))
    if span is None:
        raise ValidationError(f"The pack has no page {page}.")
    annotation.item_key, annotation.item_number, annotation.item_title = span.item_key, span.item_number, span.item_title
    annotation.paper_key, annotation.paper_title, annotation.exempt = span.key, span.title, span.exempt
    annotation.paper_hash, annotation.page_in_paper = span.hash, int(page) - span.first
    annotation.kind = Annotation.Kind.HIGHLIGHT if exact else Annotation.Kind.PAGE_NOTE
    annotation.quote_exact, annotation.quote_prefix, annotation.quote_suffix = exact.strip(), prefix[-64:], suffix[:64]
    annotation.version, annotation.unplaced_hash = version, ""
    annotation.revision += 1
    annotation.save()
    return annotation


def annotation_delete(*, annotation: Annotation) -> None:
    annotation.delete()


def reading_mark_touch(*, user, version) -> int | None:
    """Record that the member opened `version`; return the id of the version they had opened before
    (None the first time, or when it was this one or a newer one)."""
    mark = ReadingMark.objects.filter(owner=user, pack_id=version.pack_id).first()
    if mark is None:
        ReadingMark.objects.get_or_create(owner=user, pack_id=version.pack_id, defaults={"version": version})
        return None
    previous = mark.version_id
    if previous < version.pk:
        ReadingMark.objects.filter(pk=mark.pk).update(version=version)
        return previous
    return None
