"""Reads for the members' pages: boards and roles, attendance statistics, declarations and the
register, from published minutes only (`minutes.selectors.public_minutes`)."""
from django.db.models import F

from boards.models import Membership, Person
from minutes.models import Attendance, Declaration, Interest, InterestKind, Minute
from minutes.selectors import declaration_sentence, public_minutes
from public.selectors import AttendanceYear

# Apologies with a substitute sent in their place count as apologies, as councils report them.
COUNTED = {
    Attendance.Status.PRESENT: "present",
    Attendance.Status.APOLOGIES: "apologies",
    Attendance.Status.SUBSTITUTED: "apologies",
    Attendance.Status.ABSENT: "absent",
}


def people_on_boards():
    """Everyone who holds or held a member's role on a board, with their memberships."""
    memberships = (Membership.objects.filter(role__in=Membership.MEMBER_ROLES)
                   .select_related("board", "person", "person__organisation")
                   .order_by("person__last_name", "person__first_name", "board__name"))
    people = {}
    for m in memberships:
        people.setdefault(m.person_id, {"person": m.person, "memberships": []})["memberships"].append(m)
    return list(people.values())


def public_person(pk: int) -> Person:
    """A person with a public page: one who holds or held a member's role on a board."""
    return (Person.objects.select_related("organisation")
            .filter(memberships__role__in=Membership.MEMBER_ROLES).distinct().get(pk=pk))


def attendance_statistics(person: Person) -> list[AttendanceYear]:
    """Per board and year: meetings the person was expected at (as a member, in published minutes),
    and how many they attended, sent apologies for or were absent from. "Not recorded" is left out."""
    rows = (Attendance.objects.filter(person=person, meeting_id__in=public_minutes().values("meeting_id"))
            .exclude(status=Attendance.Status.NOT_RECORDED)
            .select_related("meeting", "meeting__board").order_by("meeting__board__name", "-meeting__date"))
    stats = {}
    for row in rows:
        meeting = row.meeting
        key = (meeting.board_id, meeting.date.year)
        year = stats.setdefault(key, AttendanceYear(board=meeting.board, year=meeting.date.year))
        counted = COUNTED.get(row.status)
        if counted:
            setattr(year, counted, getattr(year, counted) + 1)
            year.meetings.append((meeting, row.get_status_display()))
    return sorted(stats.values(), key=lambda y: (y.board.name, -y.year))


def public_declarations(person: Person) -> list[dict]:
    """Declarations the person made, as the published minutes word them (none on exempt items)."""
    declarations = list(
        Declaration.objects.filter(person=person, meeting_id__in=public_minutes().values("meeting_id"))
        .exclude(agenda_item__is_exempt=True)
        .select_related("person", "meeting", "meeting__board", "agenda_item")
        .order_by("-meeting__date", "agenda_item__position", "pk"))
    numbers = dict(Minute.objects.filter(meeting_id__in={d.meeting_id for d in declarations}, agenda_item__isnull=False)
                   .values_list("agenda_item_id", "number"))
    return [{"declaration": d, "minute": numbers.get(d.agenda_item_id),
             "sentence": declaration_sentence(d, numbers.get(d.agenda_item_id))} for d in declarations]


# What the published register holds (Localism Act 2011 s29 and the code of conduct): disclosable
# pecuniary and other registrable interests. A non-registrable interest is declared at the meeting
# it touches (the minutes say so) but is not an entry of the published register.
PUBLIC_KINDS = (InterestKind.DISCLOSABLE_PECUNIARY, InterestKind.OTHER_REGISTRABLE)


def sees_whole_register(user, person: Person) -> bool:
    """The person themself, the clerks who keep their register and admins (`change_interests`), and
    the members of the boards they sit on see every entry; everyone else the published register."""
    from boards.access import board_ids_for

    if user.has_perm("meetings.change_interests", person):
        return True
    boards = set(board_ids_for(user, "members"))
    return bool(boards) and person.memberships.filter(board_id__in=boards).exists()


def register_entries(person: Person, user=None):
    """The person's register of interests, current entries first, then those that have ended: the
    published register, or every entry for those who keep or sit with them."""
    qs = Interest.objects.filter(person=person).order_by("ended_on", "-registered_on", "pk")
    if user is None or not sees_whole_register(user, person):
        qs = qs.filter(kind__in=PUBLIC_KINDS)
    return qs


def memberships_of(person: Person):
    return (Membership.objects.filter(person=person).exclude(role=Membership.Role.CLERK)
            .select_related("board").order_by(F("end_date").desc(nulls_first=True), "board__name", "-start_date"))
