"""The resolution tracker, "My resolutions" and the "Response to Resolutions" paper."""
from django.db.models import Prefetch, Q
from django.utils import timezone

from core.formats import plain_date, roman
from meetings.models import Meeting
from minutes.models import Resolution, ResolutionResponse

from .printed import minute_resolutions


def resolutions_for_board(board, user=None):
    """Every resolution of the board with its minute, meeting, owner and due meeting."""
    return (
        Resolution.objects.filter(minute__meeting__board=board)
        .select_related("minute", "minute__meeting", "owner", "due_meeting", "parent")
        .prefetch_related(Prefetch("responses", queryset=ResolutionResponse.objects.select_related("author").order_by("date", "pk")))
    )


def open_resolutions(board, today=None) -> list[dict]:
    """Open and in-progress resolutions, overdue first (due meeting already past), then by due date."""
    today = today or timezone.localdate()
    rows = []
    # What is noted under a "to note:" resolution is not an action anyone owes.
    qs = resolutions_for_board(board).open().filter(confirms__isnull=True).exclude(parent__text__istartswith="to note")
    labels = labels_for(qs)
    for r in qs:
        due = r.due_meeting.date if r.due_meeting else None
        overdue = due is not None and due < today
        rows.append({"resolution": r, "label": labels[r.pk], "overdue": overdue, "due": due,
                     "latest": (list(r.responses.all()) or [None])[-1]})
    rows.sort(key=lambda x: (not x["overdue"], x["due"] is None, x["due"] or today, x["resolution"].minute.number, x["label"]))
    return rows


def my_resolutions(user) -> list[dict]:
    """The resolutions a person answers for: still open first (those due back soonest at the top),
    then the ones done, each with its label and latest response."""
    qs = (
        Resolution.objects.filter(owner__user=user, confirms__isnull=True)
        .select_related("minute", "minute__meeting", "minute__meeting__board", "minute__agenda_item", "due_meeting")
        .prefetch_related(Prefetch("responses", queryset=ResolutionResponse.objects.order_by("date", "pk")))
    ) if user.is_authenticated else Resolution.objects.none()
    resolutions = list(qs)
    labels = labels_for(resolutions)
    open_ = {Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS}
    rows = [{"resolution": r, "label": labels[r.pk], "open": r.status in open_,
             "latest": (list(r.responses.all()) or [None])[-1]} for r in resolutions]
    rows.sort(key=lambda x: (not x["open"], x["resolution"].due_meeting is None,
                             x["resolution"].due_meeting.date if x["resolution"].due_meeting else None,
                             x["resolution"].minute.number, x["label"]))
    return rows


def labels_for(resolutions) -> dict:
    """Labels '(2)', '(3)(i)' for many resolutions with one query per minute involved."""
    minute_ids = {r.minute_id for r in resolutions}
    allrows = list(Resolution.objects.filter(minute_id__in=minute_ids).order_by("order", "pk").values("pk", "minute_id", "parent_id"))
    index = {}
    counters = {}
    for row in allrows:
        key = (row["minute_id"], row["parent_id"])
        counters[key] = counters.get(key, 0) + 1
        index[row["pk"]] = (row["parent_id"], counters[key])
    labels = {}

    def label(pk):
        if pk in labels:
            return labels[pk]
        parent_id, i = index[pk]
        labels[pk] = label(parent_id) + f"({roman(i)})" if parent_id else f"({i})"
        return labels[pk]

    for pk in index:
        label(pk)
    return labels


def response_paper(meeting: Meeting, public: bool = False) -> list[dict] | None:
    """The "Response to Resolutions" paper(s) a meeting receives: the resolutions due back at this
    meeting (and only those: one still open from an earlier meeting is the tracker's, not this
    paper's), grouped by the meeting that made them, each quoted with its number and the responses
    recorded since. None if there are none. `public`: resolutions of exempt items are left out."""
    qs = (
        Resolution.objects.filter(minute__meeting__board_id=meeting.board_id, confirms__isnull=True)
        .filter(due_meeting=meeting)
        .exclude(minute__meeting=meeting)
    )
    if public:
        qs = qs.exclude(minute__agenda_item__is_exempt=True)
    qs = (
        qs.select_related("minute", "minute__meeting", "parent")
        .prefetch_related(Prefetch("responses", queryset=ResolutionResponse.objects.select_related("author").order_by("date", "pk")))
    )
    wanted = list(qs)
    if not wanted:
        return None
    # Quote a sub-resolution under its parent, and a parent with all its sub-resolutions.
    ids = {r.pk for r in wanted} | {r.parent_id for r in wanted if r.parent_id}
    family = list(
        Resolution.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids))
        .select_related("minute", "minute__meeting", "minute__meeting__board")
        .prefetch_related(Prefetch("responses", queryset=ResolutionResponse.objects.order_by("date", "pk")))
    )
    labels = labels_for(family)
    groups = {}
    for r in family:
        groups.setdefault(r.minute.meeting, {}).setdefault(r.minute, []).append(r)
    papers = []
    for source in sorted(groups, key=lambda m: (m.date, m.start_time)):
        entries = []
        for minute in sorted(groups[source], key=lambda m: m.number):
            for numbered in minute_resolutions(groups[source][minute]):
                entries.append({"minute": minute, "numbered": numbered, "label": labels[numbered.obj.pk],
                                "children": [{"numbered": c, "label": labels[c.obj.pk]} for c in numbered.children]})
        top_labels = [e["label"] for e in entries]
        papers.append({
            "source": source,
            "entries": entries,
            "range": f"{top_labels[0]} to {top_labels[-1]}" if len(top_labels) > 1 else top_labels[0],
            "heading": f"Response to Resolutions from {source.board.name} {plain_date(source.date)} to be presented to the {plain_date(meeting.date)} meeting",
        })
    return papers
