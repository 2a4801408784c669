"""Reads of action plans, with their joins done up front: a page runs a fixed number of queries
however many actions a plan holds."""
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, F, IntegerField, Min, OuterRef, Prefetch, Q, Subquery, Value, When
from django.utils import timezone

from actions.models import Action, Plan, ProgressUpdate, Rag, RagChange
from core.formats import date_and_time, plain_date
from meetings.models import Meeting

RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE, Rag.NONE]


def _meeting_dates(today):
    """Subqueries: the board's latest past meeting date and its next meeting date."""
    held = Meeting.objects.filter(board_id=OuterRef("board_id")).exclude(status=Meeting.Status.CANCELLED)
    last = held.filter(date__lt=today).order_by("-date").values("date")[:1]
    nxt = held.filter(date__gte=today).order_by("date").values("date")[:1]
    return {"last_meeting_date": Subquery(last), "next_meeting_date": Subquery(nxt)}


def plans_visible(user):
    return Plan.objects.visible_to(user).select_related("board").order_by("board__name", "title")


def plan_with_meetings(pk, today=None):
    today = today or timezone.localdate()
    return (
        Plan.objects.select_related("board", "owner")
        .annotate(**_meeting_dates(today))
        .prefetch_related("partner_organisations")
        .get(pk=pk)
    )


def _progress_prefetch():
    return Prefetch(
        "progress_updates",
        queryset=ProgressUpdate.objects.select_related("author").order_by("-date", "-created_at", "-pk"),
    )


@dataclass
class RagSummary:
    counts: list = field(default_factory=list)  # [(Rag, count)]
    total: int = 0
    suggested_red: int = 0
    no_recent_update: int = 0


def rag_summary(actions) -> RagSummary:
    counter = Counter(a.rag for a in actions)
    return RagSummary(
        counts=[(rag, counter.get(rag.value, 0)) for rag in RAG_ORDER],
        total=len(actions),
        suggested_red=sum(1 for a in actions if a.suggested_red),
        no_recent_update=sum(1 for a in actions if a.no_recent_update),
    )


def plan_tree(plan, today=None, with_progress=True):
    """The plan's sections, each with `.top_actions`, each with `.subs`; every action carries its
    flags (`no_recent_update`), its parent (no query) and its progress updates, newest first.

    Returns (sections, actions) with actions in plan order.
    """
    today = today or timezone.localdate()
    sections = list(plan.sections.order_by("position", "pk"))
    qs = Action.objects.filter(plan=plan).select_related(
        "lead_person", "lead_person__organisation", "lead_organisation"
    ).order_by("position", "pk")
    if with_progress:
        qs = qs.prefetch_related(_progress_prefetch())
    actions = list(qs)
    by_id = {a.pk: a for a in actions}
    tops, subs = {}, {}
    next_meeting = getattr(plan, "next_meeting_date", None)
    for a in actions:
        a.plan = plan
        a.subs = []
        a.no_recent_update = a.lacks_recent_update(next_meeting, today=today)
        if a.parent_id:
            a.parent = by_id[a.parent_id]
            subs.setdefault(a.parent_id, []).append(a)
        else:
            tops.setdefault(a.section_id, []).append(a)
    ordered = []
    for section in sections:
        section.plan = plan
        section.top_actions = tops.get(section.pk, [])
        for a in section.top_actions:
            a.section = section
            a.subs = subs.get(a.pk, [])
            ordered.append(a)
            for sub in a.subs:
                sub.section = section
                ordered.append(sub)
    return sections, ordered


def changes_since_last_meeting(plan, actions, until=None):
    """(date of the last meeting or None, RAG changes since (up to `until`, a datetime, if given),
    actions with a progress update since)."""
    since = getattr(plan, "last_meeting_date", None)
    if since is None:
        return None, [], []
    start = timezone.make_aware(datetime.datetime.combine(since + datetime.timedelta(days=1), datetime.time.min))
    changes = RagChange.objects.filter(action__plan=plan, changed_at__gte=start)
    if until is not None:
        changes = changes.filter(changed_at__lte=until)
    changes = list(
        changes.select_related("action", "changed_by")
        .order_by("-changed_at", "-pk")[:200]
    )
    updated = [a for a in actions if a.last_update_on and a.last_update_on > since]
    return since, changes, updated


def my_actions(user, today=None):
    """Every action the user leads across plans: open ones first, then by timescale date (overdue and
    due first, undated last), then in plan order."""
    return (
        Action.objects.led_by(user)
        .select_related("plan", "plan__board", "section", "lead_person", "lead_person__organisation",
                        "lead_organisation")
        .annotate(done=Case(When(status=Action.Status.COMPLETE, then=Value(1)), default=Value(0),
                            output_field=IntegerField()))
        .order_by("done", F("timescale_date").asc(nulls_last=True), "plan__title", "section__position",
                  "parent__position", "position", "pk")
    )


def next_meeting_dates(board_ids, today=None) -> dict:
    today = today or timezone.localdate()
    rows = (
        Meeting.objects.filter(board_id__in=set(board_ids), date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .values("board_id")
        .annotate(next_date=Min("date"))
    )
    return {r["board_id"]: r["next_date"] for r in rows}


def flag_actions(actions, today=None):
    """Set `no_recent_update` on each action using its board's next meeting (one query)."""
    today = today or timezone.localdate()
    dates = next_meeting_dates({a.plan.board_id for a in actions}, today=today)
    for a in actions:
        a.no_recent_update = a.lacks_recent_update(dates.get(a.plan.board_id), today=today)
    return actions


def action_detail(pk):
    return (
        Action.objects.select_related(
            "plan", "plan__board", "plan__owner", "section", "parent", "parent__lead_person",
            "lead_person", "lead_person__organisation", "lead_organisation",
            "resolution", "resolution__minute", "resolution__minute__meeting", "resolution__minute__agenda_item",
        )
        .prefetch_related(
            _progress_prefetch(),
            Prefetch("rag_changes", queryset=RagChange.objects.select_related("changed_by").order_by("-changed_at", "-pk")),
            Prefetch("sub_actions", queryset=Action.objects.select_related("lead_person").order_by("position")),
        )
        .get(pk=pk)
    )


def actions_needing_update(today=None, board=None):
    """{Person: [Action, ...]} – open actions with a lead who has an e-mail address, that are overdue or
    have had no update in the set number of days before their board's next meeting."""
    today = today or timezone.localdate()
    qs = (
        Action.objects.filter(lead_person__isnull=False)
        .exclude(status=Action.Status.COMPLETE)
        .filter(Q(lead_person__email__gt="") | Q(lead_person__user__email__gt=""))
        .select_related("plan", "plan__board", "section", "lead_person", "lead_person__user")
        .order_by("lead_person_id", F("timescale_date").asc(nulls_last=True), "plan__title", "reference")
    )
    if board is not None:
        qs = qs.filter(plan__board=board)
    actions = flag_actions(list(qs), today=today)
    by_lead = {}
    for a in actions:
        if a.no_recent_update or a.is_overdue(today):
            by_lead.setdefault(a.lead_person, []).append(a)
    return by_lead


def plan_snapshot_rows(plan, today=None, at=None) -> dict:
    """The plan as plain data: everything the pack prints, nothing that can change later.
    `at` is the moment it stands as at (default now): nothing recorded after it is shown."""
    now = timezone.localtime(at) if at else timezone.localtime()
    today = today or now.date()
    plan = plan_with_meetings(plan.pk, today=today)
    sections, actions = plan_tree(plan, today=today)
    summary = rag_summary(actions)
    since, changes, updated = changes_since_last_meeting(plan, actions, until=now)

    def action_row(a):
        return {
            "reference": a.reference,
            "number": a.number,
            "is_sub": a.parent_id is not None,
            "text": a.text,
            "lead": a.lead_display,
            "timescale": a.timescale_display,
            "status": a.get_status_display(),
            "rag": a.rag,
            "rag_label": a.get_rag_display(),
            "suggested_red": a.is_overdue(today),
            "progress": [{"date": plain_date(u.date), "text": u.text} for u in a.progress_updates.all()],
        }

    return {
        "plan": {
            "title": plan.title,
            "period": plan.period,
            "board": plan.board.name,
            "partners": [o.name for o in plan.partner_organisations.all()],
        },
        "as_at": now.isoformat(),
        "as_at_display": date_and_time(now),
        "summary": {
            "counts": [{"rag": r.value, "label": r.label, "count": c} for r, c in summary.counts],
            "total": summary.total,
            "suggested_red": summary.suggested_red,
            "no_recent_update": summary.no_recent_update,
        },
        "since": {
            "date": since.isoformat() if since else None,
            "display": plain_date(since) if since else "",
            "rag_changes": [
                {
                    "reference": c.action.reference,
                    "from": c.from_rag, "from_label": c.get_from_rag_display(),
                    "to": c.to_rag, "to_label": c.get_to_rag_display(),
                    "reason": c.reason,
                    "by": (c.changed_by.get_full_name() or c.changed_by.username) if c.changed_by else "",
                    "when": plain_date(timezone.localtime(c.changed_at).date()),
                }
                for c in changes
            ],
            "updated": [a.reference for a in updated],
        },
        "sections": [
            {
                "title": s.display_title,
                "heading": s.responsibility_heading,
                "text": s.responsibility_text,
                "actions": [action_row(a) for a in actions if a.section_id == s.pk],
            }
            for s in sections
        ],
    }


# Resolutions that created actions ----------------------------------------------------------------

@dataclass
class LinkedResolution:
    """A resolution as the action pages name it: "Minute 23 (2), 23 September 2013"."""

    resolution: object
    label: str
    minute_number: int
    meeting_date: datetime.date
    text: str = ""  # empty when the reader may not see the wording (an exempt item)
    readable: bool = True
    can_open: bool = False  # the resolution page is the board's (the tracker's) alone

    @property
    def name(self):
        return f"Minute {self.minute_number} {self.label}"


def _board_resolutions(board_id, include_pk=None):
    from minutes.models import Resolution

    wanted = Q(confirms__isnull=True)  # "confirmed the minutes of …" creates no action
    if include_pk:
        wanted |= Q(pk=include_pk)
    return (
        Resolution.objects.filter(wanted, minute__meeting__board_id=board_id)
        .select_related("minute", "minute__meeting", "minute__agenda_item")
    )


def resolution_choices(board, user, include_pk=None):
    """(queryset, choices) for the action form's select: every resolution of the board, newest
    meeting first and in minute order, each "Minute 23 (2), 23 September 2013: to approve the …".
    The wording of an exempt item's resolution is withheld from a reader who may not see it."""
    from django.utils.text import Truncator

    from actions.rules import resolution_is_exempt
    from minutes.selectors import minute_resolutions

    queryset = _board_resolutions(board.pk, include_pk)
    by_minute = {}
    for r in queryset:
        by_minute.setdefault(r.minute, []).append(r)
    choices = []
    for minute in sorted(by_minute, key=lambda m: (-m.meeting.date.toordinal(), m.number)):
        flat = []
        for top in minute_resolutions(by_minute[minute]):
            flat.append((top.label, top.obj))
            flat.extend((top.label + child.label, child.obj) for child in top.children)
        for label, r in flat:
            if resolution_is_exempt(r) and not user.has_perm("meetings.view_exempt_minutes", minute.meeting):
                words = "an exempt item: wording withheld"
            else:
                words = Truncator(" ".join(r.text.split())).words(12)
            choices.append((r.pk, f"Minute {minute.number} {label}, {plain_date(minute.meeting.date)}: {words}"))
    return queryset, choices


def linked_resolution(action, user) -> LinkedResolution | None:
    """The resolution that created the action, as this reader may see it (None if not linked).
    Expects `selectors.action_detail`'s joins; one query for the resolution's number."""
    from minutes.selectors import labels_for

    resolution = action.resolution if action.resolution_id else None
    if resolution is None:
        return None
    readable = user.has_perm("actions.read_linked_resolution", resolution)
    return LinkedResolution(
        resolution=resolution, label=labels_for([resolution])[resolution.pk],
        minute_number=resolution.minute.number, meeting_date=resolution.minute.meeting.date,
        text=resolution.text if readable else "", readable=readable,
        can_open=readable and user.has_perm("meetings.view_resolutions", resolution.minute.meeting),
    )


def actions_for_resolution(resolution, user):
    """The actions linked to a resolution that this reader may see, in plan order."""
    return (
        Action.objects.visible_to(user).filter(resolution=resolution)
        .select_related("plan", "lead_person", "lead_person__organisation", "lead_organisation")
        .order_by("plan__title", "plan_id", "section__position", "parent__position", "position", "pk")
    )
