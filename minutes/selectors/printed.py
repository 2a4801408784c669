"""The minutes as a document, built as plain data (letters, numerals, sentences) so the templates
only lay it out: the minutes page, the printable page, the PDF and the pack's copy.
"""
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from boards.models import Membership
from core.formats import letter, plain_date, roman, spaced_time, upper_date
from meetings.models import AgendaItem, Meeting
from minutes.models import (
    Attendance, Declaration, InterestKind, MeetingMinutes, Minute, MinutePoint, MinutesStatus, Resolution,
)


def short_name(person) -> str:
    """'Councillor Mellen' as the minutes refer to a member in running text."""
    if person.honorific:
        return f"{person.honorific} {person.last_name}"
    return person.full_name


ARTICLE_KIND = {
    InterestKind.DISCLOSABLE_PECUNIARY: "a disclosable pecuniary interest",
    InterestKind.OTHER_REGISTRABLE: "an other registrable interest",
    InterestKind.NON_REGISTRABLE: "a non-registrable interest",
}


def declaration_sentence(declaration: Declaration, minute_number: int | None) -> str:
    """The declaration as the minutes word it: as minuted (`wording`) if the clerk wrote it out,
    else written from the record."""
    if declaration.wording.strip():
        return declaration.wording.strip()
    name = short_name(declaration.person)
    ref = f"agenda item {declaration.agenda_item.number}"
    if minute_number:
        ref += f" (minute {minute_number})"
    text = declaration.text.strip().rstrip(".")
    action = Declaration.ACTION_PHRASES[declaration.action]
    if declaration.kind == InterestKind.NOT_REQUIRED:
        first = f"Although not required to do so, {name} informed the Board that, with regard to {ref}, {text}."
    else:
        first = f"{name} declared {ARTICLE_KIND[declaration.kind]} in {ref} in that {text}."
    sentence = f"{first} {name} {action}."
    if declaration.kind == InterestKind.DISCLOSABLE_PECUNIARY and declaration.action == Declaration.Action.TOOK_PART:
        sentence += (f" NOTE: {name} took part despite a disclosable pecuniary interest; this was confirmed when the "
                     "declaration was recorded.")
    return sentence


@dataclass
class Numbered:
    label: str  # "(a)", "(1)", "(i)"
    obj: object
    children: list = field(default_factory=list)


def _tree(rows, top_label, child_label):
    tops = sorted([r for r in rows if r.parent_id is None], key=lambda r: (r.order, r.pk))
    kids = {}
    for r in rows:
        if r.parent_id is not None:
            kids.setdefault(r.parent_id, []).append(r)
    out = []
    for i, top in enumerate(tops, start=1):
        children = sorted(kids.get(top.pk, []), key=lambda r: (r.order, r.pk))
        out.append(Numbered(top_label(i), top, [Numbered(child_label(j), c) for j, c in enumerate(children, start=1)]))
    return out


def minute_points(points) -> list[Numbered]:
    return _tree(list(points), lambda i: f"({letter(i)})", lambda j: f"({roman(j)})")


def minute_resolutions(resolutions) -> list[Numbered]:
    return _tree(list(resolutions), lambda i: f"({i})", lambda j: f"({roman(j)})")


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".;:!?" else text + "."


def point_groups(points: list[Numbered]) -> list[dict]:
    """Split the lettered points where a point has a lead-in line ("The following points were
    highlighted:"); lettering runs on across the groups, as in the reference minutes."""
    groups = []
    for numbered in points:
        if not groups or numbered.obj.lead_in:
            groups.append({"lead_in": numbered.obj.lead_in, "points": []})
        groups[-1]["points"].append(numbered)
    return groups


def _numbered_rows(numbered: list[Numbered]) -> list[dict]:
    return [{"label": n.label, "text": n.obj.text, "id": n.obj.pk,
             "children": [{"label": c.label, "text": c.obj.text} for c in n.children]} for n in numbered]


def minute_layout(minute: Minute) -> dict:
    """One minute as printed, as plain data: its words, point groups and RESOLVED block."""
    resolutions = minute_resolutions(minute.resolutions.all())
    single = len(resolutions) == 1 and not resolutions[0].children
    groups = point_groups(minute_points(minute.points.all()))
    item = minute.agenda_item
    return {
        "number": minute.number,
        "title": minute.title,
        "kind": minute.kind,
        "exempt": bool(item and item.is_exempt),
        "exempt_paragraph": item.exempt_paragraph if item and item.is_exempt else None,
        "exempt_words": item.get_exempt_paragraph_display() if item and item.is_exempt else "",
        "agenda_item_id": minute.agenda_item_id,
        "corrects": ({"number": minute.corrects.number, "date": plain_date(minute.corrects.meeting.date)}
                     if minute.corrects_id else None),
        "paragraphs": minute.paragraphs,
        "closing_paragraphs": minute.closing_paragraphs,
        "point_groups": [{"lead_in": g["lead_in"], "points": _numbered_rows(g["points"])} for g in groups],
        "resolutions": _numbered_rows(resolutions),
        "single_resolution": _full_stop(resolutions[0].obj.text) if single else "",
        "board_style": minute.resolution_style == Minute.ResolutionStyle.BOARD,
    }


def _withheld(row: dict, paragraph, words: str) -> dict:
    """The public's view of an exempt minute: number, title and the paragraph, nothing else."""
    return {"number": row["number"], "title": row["title"], "kind": row["kind"], "exempt": True,
            "exempt_paragraph": paragraph, "exempt_words": words, "corrects": None, "paragraphs": [],
            "closing_paragraphs": [], "point_groups": [], "resolutions": [], "single_resolution": "",
            "board_style": False, "withheld": True}


def minutes_queryset():
    return Minute.objects.select_related("agenda_item", "corrects", "corrects__meeting").prefetch_related(
        Prefetch("points", queryset=MinutePoint.objects.order_by("order", "pk")),
        Prefetch("resolutions", queryset=Resolution.objects.select_related("confirms__meeting").order_by("order", "pk")),
    )


def meeting_for_minutes(pk: int) -> Meeting:
    return Meeting.objects.select_related("board", "board__clerk", "minutes_record",
                                          "minutes_record__confirmed_at_meeting").get(pk=pk)


def minutes_document(meeting: Meeting) -> dict:
    """Everything the printed minutes show, written from the live records, as JSON-safe data.

    This is the members' version: exempt minutes are in full, each marked `exempt`. It is what
    `minutes_confirm` freezes into the minutes record, so that once the minutes are confirmed no
    later edit to the board, the meeting, its agenda, attendance or declarations changes them.
    """
    board = meeting.board
    minutes = list(minutes_queryset().filter(meeting=meeting).order_by("position", "number"))
    attendance = list(Attendance.objects.filter(meeting=meeting).select_related("person", "substitute"))
    by_person = {a.person_id: a for a in attendance}
    memberships = list(
        Membership.objects.filter(board_id=meeting.board_id, role__in=[r for r in Membership.MEMBER_ROLES if r != Membership.Role.SUBSTITUTE])
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=meeting.date))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .select_related("person").order_by("position", "person__last_name")
    )
    member_ids = {m.person_id for m in memberships}
    members = []
    for m in memberships:
        row = by_person.get(m.person_id)
        members.append({
            "name": m.display_name,
            "present": bool(row and row.status == Attendance.Status.PRESENT),
            "partial": row.partial_text if row and row.status == Attendance.Status.PRESENT else "",
        })
        if row and row.status == Attendance.Status.SUBSTITUTED and row.substitute:
            members.append({"name": f"{row.substitute.full_name} (substitute for {m.person.full_name})",
                            "present": True, "partial": row.partial_text})
    positions = {m.person_id: m.position for m in memberships}
    apologies = sorted(
        [a for a in attendance if a.status == Attendance.Status.APOLOGIES
         or (a.apology_in_advance and a.status != Attendance.Status.PRESENT)],
        key=lambda a: (a.person_id not in member_ids, positions.get(a.person_id, 999), a.position, a.person.last_name),
    )
    apology_lines = [a.person.full_name + (f" ({a.apology_reason})" if a.apology_reason else "") for a in apologies]
    numbers_by_item = {m.agenda_item_id: m.number for m in minutes if m.agenda_item_id}
    declarations = list(meeting.declarations.select_related("person", "agenda_item").order_by("agenda_item__position", "pk"))
    declaration_lines = [declaration_sentence(d, numbers_by_item.get(d.agenda_item_id)) for d in declarations]
    others = list(meeting.other_attendees.select_related("person").order_by("position", "pk"))
    return {
        "council_name": board.council_name,
        "board_name": board.name,
        "date": meeting.date.isoformat(),
        "date_plain": plain_date(meeting.date),
        "date_upper": upper_date(meeting.date),
        "venue": meeting.venue,
        "start": spaced_time(meeting.start_time),
        "end": spaced_time(meeting.end_time) if meeting.end_time else "",
        "members": members,
        "others": [o.display for o in others],
        "apology_lines": apology_lines,
        "declaration_lines": declaration_lines,
        "minutes": [minute_layout(minute) for minute in minutes],
    }


def _has_record(meeting):
    try:
        meeting.minutes_record
    except MeetingMinutes.DoesNotExist:
        return False
    return True


def frozen_document(record: MeetingMinutes) -> dict:
    """The minutes as confirmed. Minutes confirmed before the text was frozen at confirmation are
    frozen the first time they are read (their own rows were already locked)."""
    if record.frozen is None:
        record.frozen = minutes_document(record.meeting)
        if record.confirmed_at_meeting_id:
            record.frozen["confirmed_on"] = plain_date(record.confirmed_at_meeting.date)
        MeetingMinutes.objects.filter(pk=record.pk, frozen__isnull=True).update(frozen=record.frozen)
    return record.frozen


def printed_minutes(meeting: Meeting, public: bool = False) -> dict:
    """Everything the printed minutes show, in order, as plain data.

    Confirmed minutes print from what was frozen when they were confirmed; draft minutes from the
    live records. `public`: the version anyone may read. The minute of an exempt item keeps its
    number and title but none of its narrative, points or resolutions: it says which Schedule 12A
    paragraph applies. A minute exempt when confirmed, or whose item is exempt now, is withheld.
    """
    record = meeting.minutes_record if _has_record(meeting) else None
    locked = record is not None and record.is_locked
    document = frozen_document(record) if locked else minutes_document(meeting)
    minutes = document["minutes"]
    if public:
        live_exempt = {}
        if locked:
            live_exempt = {item.pk: item for item in AgendaItem.objects.filter(
                pk__in=[m.get("agenda_item_id") for m in minutes if m.get("agenda_item_id")], is_exempt=True)}
        rows = []
        for row in minutes:
            item = live_exempt.get(row.get("agenda_item_id"))
            if row["exempt"]:
                rows.append(_withheld(row, row["exempt_paragraph"], row["exempt_words"]))
            elif item is not None:
                rows.append(_withheld(row, item.exempt_paragraph, item.get_exempt_paragraph_display()))
            else:
                rows.append(row)
        minutes = rows
    # A correction is a later, recorded decision: the confirmed minute it corrects points to it.
    corrections = {}
    for c in Minute.objects.filter(corrects__meeting=meeting).select_related("meeting", "corrects").order_by("pk"):
        corrections.setdefault(c.corrects.number, []).append({"number": c.number, "date": plain_date(c.meeting.date)})
    signature = ""
    if locked:
        on = document.get("confirmed_on")
        signature = f"Confirmed as a correct record{f' on {on}' if on else ''}"
        signature += " and signed by the Chair." if record.status == MinutesStatus.SIGNED else "."
    return {
        **document,
        "meeting": meeting,
        "board": meeting.board,
        "record": record,
        "minutes": [{**row, "corrections": corrections.get(row["number"], [])} for row in minutes],
        "signature": signature,
    }
