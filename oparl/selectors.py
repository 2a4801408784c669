"""What the API serves: the public's view of the world, and nothing else, whoever asks.

Every queryset here starts from the domain's own public selectors (`Meeting.objects.visible_to`
for an anonymous visitor, `public_reports()`, `public_minutes()`, the public pack variant that
`meetings.view_public_pack` lets anyone read) and adds only OParl's `created`/`modified` and the
joins the serialisers need, so a list page costs a fixed number of queries.
"""
from django.contrib.auth.models import AnonymousUser
from django.db.models import DateTimeField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from boards.models import Board, Membership, Person
from meetings.models import AgendaItem, Attachment, Meeting
from meetings.selectors import public_reports
from minutes.selectors import public_minutes

from .timestamps import EPOCH, first_record, last_record, latest


def _newest(queryset, field: str):
    queryset = queryset.filter(**{f"{field}__isnull": False})
    return Coalesce(Subquery(queryset.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField()),
                    Value(EPOCH))


# Bodies: one per council named on the boards ------------------------------------------------

def council_names() -> list[str]:
    return sorted(set(Board.objects.values_list("council_name", flat=True)))


def body_for_slug(slug: str) -> str | None:
    """The council whose slugified name is `slug` (a body's id never changes while its name does not)."""
    return next((name for name in council_names() if slugify(name) == slug), None)


# Organizations (boards), people and memberships: public, as the board pages show them ----------

def organizations(council: str):
    return (Board.objects.filter(council_name=council)
            .annotate(oparl_created=first_record(Board),
                      oparl_modified=latest(last_record(Board), last_record(Membership, field="board_id")))
            .prefetch_related(Prefetch("memberships", queryset=Membership.objects.order_by("pk")))
            .order_by("pk"))


def memberships(council: str):
    return (Membership.objects.filter(board__council_name=council)
            .select_related("board", "person")
            .annotate(oparl_created=first_record(Membership), oparl_modified=last_record(Membership))
            .order_by("pk"))


def people(council: str):
    on_boards = Membership.objects.filter(board__council_name=council).values("person_id")
    return (Person.objects.filter(pk__in=on_boards)
            .annotate(oparl_created=first_record(Person),
                      oparl_modified=latest(last_record(Person), last_record(Membership, field="person_id")))
            .prefetch_related(Prefetch("memberships", queryset=memberships(council)))
            .order_by("pk"))


# Meetings, agenda items, papers: published, exempt withheld ----------------------------------

def _public_meetings():
    return Meeting.objects.visible_to(AnonymousUser())


def _public_items():
    """Items of published meetings, each with the public reports on it (an exempt item has none)."""
    return AgendaItem.objects.public().prefetch_related(
        Prefetch("reports", queryset=public_reports().only("id", "agenda_item_id").order_by("pk"),
                 to_attr="public_reports"))


def meetings(council: str):
    from packs.models import PackVersion
    from minutes.models import MeetingMinutes

    items = _public_items().annotate(oparl_created=first_record(AgendaItem), oparl_modified=last_record(AgendaItem))
    from packs.models import Pack

    versions = PackVersion.objects.filter(pack__meeting=OuterRef("pk"), pack__variant=Pack.Variant.PUBLIC)
    return (_public_meetings().filter(board__council_name=council)
            .select_related("board")
            .annotate(
                oparl_created=first_record(Meeting),
                oparl_modified=latest(
                    last_record(Meeting), last_record(AgendaItem, field="meeting_id"),
                    last_record(MeetingMinutes, field="meeting_id"), _newest(versions, "created_at"),
                    _newest(versions, "withdrawn_at")))
            .prefetch_related(Prefetch("items", queryset=items.order_by("position", "pk")))
            .order_by("pk"))


def agenda_items(council: str):
    return (_public_items().filter(meeting__board__council_name=council)
            .select_related("meeting", "meeting__board")
            .annotate(oparl_created=first_record(AgendaItem), oparl_modified=last_record(AgendaItem))
            .order_by("pk"))


def papers(council: str):
    """Reports anyone may read; a paper is also its one consultation (the board it went to)."""
    return (public_reports().filter(board__council_name=council)
            .select_related("board", "agenda_item", "agenda_item__meeting", "agenda_item__meeting__board")
            .defer("background", "reasons", "other_options", "financial", "risk", "equality",
                   "background_papers", "published_documents")
            .annotate(oparl_created=Coalesce("created_at", Value(EPOCH)),
                      oparl_modified=latest(Coalesce("updated_at", Value(EPOCH)),
                                            last_record(Attachment, field="report_id")))
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk")
                                       .annotate(oparl_created=first_record(Attachment),
                                                 oparl_modified=last_record(Attachment))))
            .order_by("pk"))


def public_meeting_ids_with_minutes(meeting_ids) -> set[int]:
    return set(public_minutes().filter(meeting_id__in=list(meeting_ids)).values_list("meeting_id", flat=True))


def public_minutes_records(council: str):
    from minutes.models import MeetingMinutes

    return (public_minutes().filter(meeting__board__council_name=council)
            .select_related("meeting", "meeting__board")
            .annotate(oparl_created=first_record(MeetingMinutes), oparl_modified=last_record(MeetingMinutes))
            .order_by("meeting_id"))


def public_pack_versions(council: str | None = None, meeting_ids=None):
    """Public packs (main and supplementary) of published meetings, every version not withdrawn:
    what `meetings.view_public_pack` lets anyone download."""
    from packs.models import Pack, PackVersion

    qs = (PackVersion.objects.not_withdrawn()
          .filter(pack__variant=Pack.Variant.PUBLIC, pack__meeting__in=_public_meetings())
          .select_related("pack", "pack__meeting", "pack__meeting__board")
          .defer("sources", "contents", "stats")
          .order_by("pk"))
    if council is not None:
        qs = qs.filter(pack__meeting__board__council_name=council)
    if meeting_ids is not None:
        qs = qs.filter(pack__meeting_id__in=list(meeting_ids))
    return qs


def present(council: str, meeting_ids) -> list[tuple[int, int]]:
    """(meeting, person) for everyone the published minutes record as present, of the people the
    API serves (those on the council's boards). Nobody, while the minutes are not public."""
    from minutes.models import Attendance

    public = public_minutes().filter(meeting_id__in=list(meeting_ids)).values("meeting_id")
    on_boards = Membership.objects.filter(board__council_name=council).values("person_id")
    return list(Attendance.objects.filter(meeting_id__in=public, status=Attendance.Status.PRESENT,
                                          person_id__in=on_boards)
                .order_by("meeting_id", "person_id").values_list("meeting_id", "person_id").distinct())


def resolution_texts(item_ids) -> dict[int, str]:
    """{agenda item: what was resolved on it}, from the resolutions the public may read (the
    decisions register's selector: published minutes, never an exempt item's), in minute order."""
    from public.selectors import public_resolutions

    from minutes.models import Resolution

    rows = (public_resolutions().filter(minute__agenda_item_id__in=list(item_ids), parent__isnull=True)
            .select_related("minute")
            .prefetch_related(Prefetch("children", queryset=Resolution.objects.order_by("order", "pk")))
            .order_by("minute__number", "order", "pk"))
    texts: dict[int, list[str]] = {}
    for resolution in rows:
        lines = texts.setdefault(resolution.minute.agenda_item_id, [])
        lines.append(f"RESOLVED {resolution.text.strip()}")
        lines += [f"({chr(97 + n)}) {child.text.strip()}" for n, child in enumerate(resolution.children.all())]
    return {item: "\n".join(lines) for item, lines in texts.items()}
