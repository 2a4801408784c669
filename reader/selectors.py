"""Reads for the reader: a member's notes placed on a version, and what changed between versions."""
from packs.models import PackVersion
from packs.staleness import sources_diff

from .anchoring import find_quote, version_page_texts
from .layout import paper_spans
from .models import Annotation


def may_read_exempt_quotes(user, meeting) -> bool:
    """A member who has left the board keeps their notes, but not the exempt words they quoted."""
    return user.has_perm("meetings.view_members_pack", meeting)


def public_paper_keys(meeting) -> set[str]:
    """The papers the public pack of the meeting prints: quotes from them are not exempt material."""
    from packs.models import Pack

    version = (PackVersion.objects.filter(pack__meeting=meeting, pack__variant=Pack.Variant.PUBLIC,
                                          withdrawn_at__isnull=True).order_by("-pk").only("sources").first())
    return {p["key"] for p in version.sources.get("papers", [])} if version else set()


def serialise(annotation: Annotation, *, page: int | None, show_quote: bool = True) -> dict:
    hidden = annotation.exempt and not show_quote
    return {
        "id": annotation.pk, "client_id": str(annotation.client_id), "kind": annotation.kind, "page": page,
        "paper_key": annotation.paper_key, "paper_title": annotation.paper_title,
        "item_number": annotation.item_number, "item_title": annotation.item_title,
        "exact": "" if hidden else annotation.quote_exact, "prefix": "" if hidden else annotation.quote_prefix,
        "suffix": "" if hidden else annotation.quote_suffix, "quote_hidden": hidden and bool(annotation.quote_exact),
        "note": annotation.note, "revision": annotation.revision, "unplaced": page is None,
    }


def notes_on_version(user, version: PackVersion) -> tuple[list[tuple[Annotation, int]], list[Annotation]]:
    """The member's notes on this version's papers: (note, page as printed) for those placed, and
    those whose words could not be found again. A newer version re-anchors each note for good."""
    spans = {s.key: s for s in paper_spans(version)}
    notes = Annotation.objects.filter(owner=user, meeting_id=version.pack.meeting_id, paper_key__in=list(spans))
    placed, unplaced, texts = [], [], None
    for note in notes:
        span = spans[note.paper_key]
        newer = version.pk > note.version_id
        if note.paper_hash == span.hash:
            placed.append((note, span.first + min(note.page_in_paper, span.pages - 1)))
            continue
        if note.unplaced_hash == span.hash:
            unplaced.append(note)
            continue
        if note.kind != Annotation.Kind.HIGHLIGHT or not note.quote_exact:
            page = min(note.page_in_paper, span.pages - 1)
            if newer:
                Annotation.objects.filter(pk=note.pk).update(paper_hash=span.hash, page_in_paper=page, version=version)
            placed.append((note, span.first + page))
            continue
        if texts is None:
            texts = version_page_texts(version)
        found = find_quote(texts[span.first - 1:span.last], exact=note.quote_exact, prefix=note.quote_prefix,
                           suffix=note.quote_suffix, near=note.page_in_paper)
        if found is None:
            if newer:
                Annotation.objects.filter(pk=note.pk).update(unplaced_hash=span.hash)
                note.unplaced_hash = span.hash
            unplaced.append(note)
            continue
        if newer:
            Annotation.objects.filter(pk=note.pk).update(
                paper_hash=span.hash, page_in_paper=found.page_in_paper, quote_prefix=found.prefix[-64:],
                quote_suffix=found.suffix[:64], version=version, unplaced_hash="")
        placed.append((note, span.first + found.page_in_paper))
    return placed, unplaced


def changes_since(previous_id: int | None, version: PackVersion) -> dict | None:
    """What changed between the version the member last opened and this one: in words, and the
    papers (with the page each starts on) that are new or edited."""
    if not previous_id:
        return None
    previous = PackVersion.objects.filter(pk=previous_id).only("pk", "number", "sources").first()
    if previous is None:
        return None
    old = {p["key"]: p["hash"] for p in previous.sources.get("papers", [])}
    papers = [{"key": s.key, "title": s.title, "page": s.first, "item_number": s.item_number}
              for s in paper_spans(version) if s.key != "frontsheet" and old.get(s.key) != s.hash]
    return {"number": previous.number, "changes": sources_diff(previous.sources, version.sources), "papers": papers}


def my_notes(user):
    """Every note of the member, by meeting and item, with the meeting and board read in one go."""
    return (Annotation.objects.filter(owner=user).select_related("meeting__board", "version__pack")
            .order_by("-meeting__date", "item_number", "paper_key", "page_in_paper", "created_at"))
