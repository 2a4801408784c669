"""Deleted objects (OParl 2.8): an object that was public and no longer is keeps its address and
answers `deleted: true` with its id, type, created and when it went (its last history record).

Only what the public could once read gets a tombstone, judged from the object's own history: a
meeting whose agenda was published, a report that was published and not exempt, a public pack
version since withdrawn, an appendix of such a report, a board, a person who sat on a board.
Nothing else about the object is said. Agenda items, memberships and consultations simply go; the
meeting, board or person that held them shows a newer `modified` (see `timestamps`).
"""
from boards.models import Board, Membership, Person
from meetings.models import Attachment, Meeting, Report

from .serializers import Context, deleted
from .timestamps import as_text


def _span(history):
    dates = list(history.order_by("history_date").values_list("history_date", flat=True))
    return (dates[0], dates[-1]) if dates else None


def _stub(ctx, kind, url_name, key, history):
    span = _span(history)
    return deleted(ctx, kind, url_name, key, *span) if span else None


def meeting(ctx: Context, pk: int):
    if not Meeting.history.filter(id=pk, agenda_published_at__isnull=False).exists():
        return None
    return _stub(ctx, "Meeting", "meeting", pk, Meeting.history.filter(id=pk))


def _was_public_report(pk: int) -> bool:
    """Published and not exempt, on an item that was once not exempt, of a meeting once published."""
    from meetings.models import AgendaItem

    item_ids = set(Report.history.filter(id=pk, status=Report.Status.PUBLISHED, is_exempt=False,
                                         agenda_item_id__isnull=False).values_list("agenda_item_id", flat=True))
    meeting_ids = set(AgendaItem.history.filter(id__in=item_ids, is_exempt=False).values_list("meeting_id", flat=True))
    return Meeting.history.filter(id__in=meeting_ids, agenda_published_at__isnull=False).exists()


def paper(ctx: Context, pk: int):
    if not _was_public_report(pk):
        return None
    stub = _stub(ctx, "Paper", "paper", pk, Report.history.filter(id=pk))
    report = Report.objects.filter(pk=pk).only("created_at").first()
    if stub and report is not None:  # the same `created` it was served with
        stub["created"] = as_text(report.created_at)
    return stub


def organization(ctx: Context, pk: int):
    if not Board.history.filter(id=pk, history_type="-").exists():
        return None
    return _stub(ctx, "Organization", "organization", pk, Board.history.filter(id=pk))


def person(ctx: Context, pk: int):
    if not Membership.history.filter(person_id=pk).exists():
        return None
    return _stub(ctx, "Person", "person", pk, Person.history.filter(id=pk))


def file(ctx: Context, key: str):
    """A File keeps its (required) accessUrl, which now answers 410 Gone (OParl 2.7)."""
    stub = _file(ctx, key)
    if stub is not None:
        stub["accessUrl"] = ctx.url("file_access", key)
    return stub


def _file(ctx: Context, key: str):
    from packs.models import Pack, PackVersion

    kind, _, pk = key.partition("-")
    if not pk.isdigit() or str(int(pk)) != pk:
        return None
    pk = int(pk)
    if kind == "pack":
        version = PackVersion.objects.filter(pk=pk, pack__variant=Pack.Variant.PUBLIC, withdrawn_at__isnull=False,
                                             pack__meeting__agenda_published_at__isnull=False).first()
        return deleted(ctx, "File", "file", key, version.created_at, version.withdrawn_at) if version else None
    if kind == "appendix":
        report_ids = set(Attachment.history.filter(id=pk).values_list("report_id", flat=True))
        if not any(_was_public_report(r) for r in report_ids):
            return None
        return _stub(ctx, "File", "file", key, Attachment.history.filter(id=pk))
    return None


# In lists: a client syncing with `modified_since` learns of deletions too ----------------------

class Gone:
    """A deleted object's row in a list: its id (a file's key) and the two timestamps."""

    is_tombstone = True

    def __init__(self, pk, created, modified):
        self.pk, self.oparl_created, self.oparl_modified = pk, created, modified

    @property
    def sort_key(self):  # a file's place among the live files (see files.FileEntry.sort_key)
        from .files import KIND_ORDER

        kind, _, pk = str(self.pk).partition("-")
        return KIND_ORDER.index(kind), int(pk)


def listed(ctx: Context, list_name: str, gone: Gone) -> dict:
    kind, url_name = {"meeting": ("Meeting", "meeting"), "paper": ("Paper", "paper"), "file": ("File", "file")}[list_name]
    stub = deleted(ctx, kind, url_name, gone.pk, gone.oparl_created, gone.oparl_modified)
    if kind == "File":
        stub["accessUrl"] = ctx.url("file_access", gone.pk)
    return stub


def _spans(model, ids) -> list[Gone]:
    from django.db.models import Max, Min

    rows = (model.history.filter(id__in=list(ids)).values("id")
            .annotate(created=Min("history_date"), modified=Max("history_date")).order_by("id"))
    return [Gone(row["id"], row["created"], row["modified"]) for row in rows]


def meetings_gone(council: str, public_ids) -> list[Gone]:
    """Meetings of the council's boards once published and public no more."""
    boards = Board.objects.filter(council_name=council).values("pk")
    ids = (set(Meeting.history.filter(agenda_published_at__isnull=False, board_id__in=boards)
               .values_list("id", flat=True)) - set(public_ids))
    return _spans(Meeting, ids)


def papers_gone(council: str, public_ids) -> list[Gone]:
    """Reports of the council's boards once public and public no more."""
    boards = Board.objects.filter(council_name=council).values("pk")
    ids = (set(Report.history.filter(status=Report.Status.PUBLISHED, board_id__in=boards)
               .values_list("id", flat=True)) - set(public_ids))
    gone = _spans(Report, [pk for pk in ids if _was_public_report(pk)])
    created = dict(Report.objects.filter(pk__in=[g.pk for g in gone]).values_list("pk", "created_at"))
    for g in gone:
        g.oparl_created = created.get(g.pk, g.oparl_created)
    return gone


def files_gone(council: str, public_keys) -> list[Gone]:
    """Public pack versions since withdrawn, and appendices of reports once public, public no more."""
    from packs.models import Pack, PackVersion

    boards = Board.objects.filter(council_name=council).values("pk")
    gone = [Gone(f"pack-{pk}", created, withdrawn) for pk, created, withdrawn in PackVersion.objects.filter(
        withdrawn_at__isnull=False, pack__variant=Pack.Variant.PUBLIC, pack__meeting__board_id__in=boards,
        pack__meeting__agenda_published_at__isnull=False).values_list("pk", "created_at", "withdrawn_at")]
    reports = Report.history.filter(board_id__in=boards, status=Report.Status.PUBLISHED).values("id")
    candidates = {}
    for pk, report_id in Attachment.history.filter(report_id__in=reports).values_list("id", "report_id"):
        if f"appendix-{pk}" not in public_keys:
            candidates.setdefault(pk, set()).add(report_id)
    public_reports = {r for r in set().union(*candidates.values()) if _was_public_report(r)} if candidates else set()
    ids = [pk for pk, report_ids in candidates.items() if report_ids & public_reports]
    gone += [Gone(f"appendix-{g.pk}", g.oparl_created, g.oparl_modified) for g in _spans(Attachment, ids)]
    return gone
