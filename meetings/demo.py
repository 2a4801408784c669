"""The demo Corporate Parenting Board, built from the reference agenda pack (18 November 2013).

Idempotent: running it twice leaves one copy of everything.
"""
import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from boards import demo
from boards.models import Board, Membership, StrategicPriority
from core.audit import recorded_at
from core.sanitise import sanitise_html
from meetings.models import AgendaItem, Meeting, Report

DATA = Path(__file__).parent / "demo_data"

PRIORITIES = [
    "World Class Nottingham", "Work in Nottingham", "Safer Nottingham", "Neighbourhood Nottingham",
    "Family Nottingham", "Healthy Nottingham", "Leading Nottingham", "Serving Nottingham Better",
]

TERMS_OF_REFERENCE = (
    "The Corporate Parenting Board makes sure that Nottingham City Council and its partners act as good "
    "corporate parents to every child in care and every care leaver.\n\n"
    "It receives reports on the outcomes of children in care – their safety, health, education, "
    "placements and transition to adulthood – holds services to account for them, hears directly from "
    "the Children in Care Council, and makes recommendations to the Executive and to partner agencies.\n\n"
    "(Demo wording written for Quorum; the membership, meetings and papers below come from the council's "
    "published agenda pack for 18 November 2013.)"
)

# (honorific, first, last, role, note, logged-in username or None). As the minutes of 23 September 2013 list them.
MEMBERS = [
    ("Councillor", "David", "Mellen", Membership.Role.CHAIR, "member"),
    ("Councillor", "Ginny", "Klein", Membership.Role.VICE_CHAIR, None),
    ("Councillor", "Georgina", "Culley", Membership.Role.MEMBER, None),
    ("Councillor", "Emma", "Dewinton", Membership.Role.MEMBER, None),
    ("Councillor", "Glyn", "Jenkins", Membership.Role.MEMBER, None),
    ("Councillor", "Carole", "McCulloch", Membership.Role.MEMBER, None),
    ("Councillor", "Eileen", "Morley", Membership.Role.MEMBER, None),
    ("Councillor", "Jackie", "Morris", Membership.Role.MEMBER, None),
    ("Councillor", "Wendy", "Smith", Membership.Role.MEMBER, None),
]

# (honorific, first, last, organisation, job title, role, note, username)
OTHERS = [
    ("Councillor", "Rosemary", "Healy", "", "", Membership.Role.OBSERVER, "Observing", None),
    ("", "Gill", "Moy", "Nottingham City Homes", "", Membership.Role.OFFICER, "", None),
    ("", "Bev", "Beatie", "", "Foster carer", Membership.Role.OFFICER, "Foster Carers", None),
    ("", "Tanya", "Mackley", "", "Foster carer", Membership.Role.OFFICER, "Foster Carers", None),
    ("", "Lewis", "Fearon", "", "", Membership.Role.OFFICER, "Children in Care Council Rep", None),
    ("", "Jon", "Dudley", "Children and Families", "Service Manager, Fostering & Adoption", Membership.Role.OFFICER, "Fostering & Adoption", None),
    ("", "Paulette", "Thompson-Omenka", "Children and Families", "Head of Children in Care", Membership.Role.OFFICER, "Head of Children in Care", None),
    ("", "Kelly", "Connolly", "Children and Families", "Schools Access & Improvement", Membership.Role.OFFICER, "Schools Access & Improvement", None),
    ("", "Helen", "Blackman", "Children and Families", "Acting Director of Safeguarding", Membership.Role.OFFICER, "Safeguarding", None),
    ("", "Emma", "Pearce", "Children and Families", "Team Manager, Child & Adolescent Mental Health Services (CAMHS)", Membership.Role.OFFICER, "Child & Adolescent Mental Health Services (CAMHS)", None),
    ("", "Alan", "Monaghan", "Children and Families", "15 Plus Team", Membership.Role.OFFICER, "15 Plus Team", None),
    ("", "Lynn", "Pearce", "Children and Families", "15 Plus Team", Membership.Role.OFFICER, "15 Plus Team", None),
    ("", "Kevin", "Hatherley", "Children and Families", "Case Manager and Youth Offending Team (YOT) Lead, Children in Care", Membership.Role.OFFICER, "", "officer"),
    ("", "Anne", "Partington", "Children and Families", "Acting Head of Safeguarding", Membership.Role.OFFICER, "", "apartington"),
]

AGENDA_18_NOVEMBER = [
    # kind, title, description, presenter, paper status
    (AgendaItem.Kind.APOLOGIES, "Apologies for absence", "", "", ""),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interests", "", "", ""),
    (AgendaItem.Kind.MINUTES, "Minutes", "Last meeting held on 23 September 2013 (for confirmation)", "", "attached"),
    (AgendaItem.Kind.BUSINESS, "Business in the Community - RISE Update", "", "Report of BiC Employment Development Manager", "attached"),
    (AgendaItem.Kind.BUSINESS, "Reducing Offending Behaviour", "", "Joint report of Director of Acting Director of Safeguarding and Nottinghamshire Police", "attached"),
    (AgendaItem.Kind.BUSINESS, "Child Sexual Exploitation and the Local Safeguarding Children Board Response", "", "Report of Director of Acting Director of Safeguarding", "attached"),
    (AgendaItem.Kind.BUSINESS, "Quarter 1 & 2 Performance", "", "Report of Director of Safeguarding", "at_meeting"),
]

AGENDA_23_SEPTEMBER = [
    (AgendaItem.Kind.APOLOGIES, "Apologies for absence", "", "", ""),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interests", "", "", ""),
    (AgendaItem.Kind.MINUTES, "Minutes", "Last meeting held on 15 July 2013 (for confirmation)", "", "attached"),
    (AgendaItem.Kind.BUSINESS, "Improving Health Outcomes within CAMHS for Children and Young People in the Care of the Local Authority - Nottingham City", "", "Report of Team Manager, CAMHS Children Looked After Team", "attached"),
    (AgendaItem.Kind.BUSINESS, "Commissioned Services and the Reform Agenda in the Fostering and Adoption Service", "", "Report of Service Manager, Fostering and Adoption", "attached"),
    (AgendaItem.Kind.BUSINESS, "Date of next meeting", "", "", ""),
]


def _aware(d: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour, 0)))


def _meeting(board, date, start, end, venue, status, published_on, items, user):
    # Recorded as the clerk did it, on the day the agenda was published, not the day the loader runs.
    with recorded_at(_aware(published_on), user=user):
        return _meeting_and_items(board, date, start, end, venue, status, published_on, items)


def _meeting_and_items(board, date, start, end, venue, status, published_on, items):
    meeting, _ = Meeting.objects.update_or_create(
        board=board, date=date,
        defaults=dict(start_time=start, end_time=end, venue=venue, status=status,
                      agenda_published_at=_aware(published_on) if published_on else None,
                      agenda_notice_sent_at=_aware(published_on) if published_on else None),
    )
    for position, (kind, title, description, presenter, paper) in enumerate(items, start=1):
        AgendaItem.objects.update_or_create(
            meeting=meeting, position=position,
            defaults=dict(kind=kind, title=title, description=description, presenter=presenter, paper_status=paper),
        )
    meeting.items.filter(position__gt=len(items)).delete()
    return meeting


@transaction.atomic
def load_demo() -> Board:
    board, _ = Board.objects.update_or_create(
        slug="corporate-parenting-board",
        defaults=dict(
            council_name="Nottingham City Council",
            name="Corporate Parenting Board",
            terms_of_reference=TERMS_OF_REFERENCE,
            default_venue="LB 31/32 at Loxley House, Station Street",
            default_start_time=datetime.time(14, 0),
            summoning_officer="Deputy Chief Executive/Corporate Director for Resources",
            clerk_title="Constitutional Services Officer",
            report_heading="Corporate Parenting Board Report",
        ),
    )
    for position, name in enumerate(PRIORITIES):
        StrategicPriority.objects.update_or_create(board=board, name=name, defaults={"position": position})

    clerk = demo.person("Ziane-Pryor", "Catherine", org="Constitutional Services - Resources",
                        job_title="Constitutional Services Officer", phone="0115 8764298",
                        email="catherine.ziane-pryor@nottinghamcity.gov.uk")
    demo.login_for(clerk, "clerk")
    demo.membership(board, clerk, Membership.Role.CLERK, position=100)
    board.clerk = clerk
    board.save()

    for position, (honorific, first, last, role, username) in enumerate(MEMBERS):
        p = demo.person(last, first, honorific, org="Nottingham City Council",
                        email=f"{first}.{last}@nottinghamcity.gov.uk".lower())
        demo.membership(board, p, role, position=position, start_date=datetime.date(2013, 5, 20))
        if username:
            demo.login_for(p, username)
    for position, (honorific, first, last, org, job, role, note, username) in enumerate(OTHERS, start=20):
        p = demo.person(last, first, honorific, org=org or None, job_title=job)
        demo.membership(board, p, role, position=position, attendance_note=note)
        if username:
            demo.login_for(p, username)

    admin = demo.person("Administrator", "Quorum", job_title="System administrator")
    demo.login_for(admin, "admin", superuser=True)

    clerk_user = clerk.user
    _meeting(board, datetime.date(2013, 7, 15), datetime.time(14, 0), None, "Loxley House", Meeting.Status.SIGNED,
             datetime.date(2013, 7, 5), AGENDA_23_SEPTEMBER[:3], clerk_user)
    _meeting(board, datetime.date(2013, 9, 23), datetime.time(15, 0), datetime.time(16, 11), "Loxley House",
             Meeting.Status.MINUTES_DRAFT, datetime.date(2013, 9, 13), AGENDA_23_SEPTEMBER, clerk_user)
    november = _meeting(board, datetime.date(2013, 11, 18), datetime.time(14, 0), None,
                        "LB 31/32 at Loxley House, Station Street", Meeting.Status.AGENDA_PUBLISHED,
                        datetime.date(2013, 11, 8), AGENDA_18_NOVEMBER, clerk_user)

    # As in the reference pack, item 4 (the RISE update) carries the response to the 15 July 2013 resolutions.
    rise = november.items.get(position=4)
    if not rise.carries_response_paper:
        rise.carries_response_paper = True
        # The clerk's introduction, in the reference's words.
        rise.response_introduction = ("Jamie Shrivastava presented 4 recommendations to the corporate parenting "
                                      "board on 15th July 2013.")
        with recorded_at(_aware(datetime.date(2013, 11, 8)), user=clerk.user):
            rise.save()

    reports = json.loads((DATA / "reports.json").read_text())
    authors = {"offending": "officer", "cse": "apartington"}
    positions = {"offending": 5, "cse": 6}
    from django.contrib.auth import get_user_model

    # The city council's template (the reference's headings) is the default; the county's is there
    # to show that another council's template is data (admin → Report templates), not code.
    from meetings.models import ReportTemplate
    from meetings.models.templates import CITY_COUNCIL_HEADINGS, COUNTY_COUNCIL_HEADINGS

    template, _ = ReportTemplate.objects.update_or_create(
        is_default=True, defaults={"name": "Nottingham City Council", "headings": "\n".join(CITY_COUNCIL_HEADINGS)})
    ReportTemplate.objects.update_or_create(name="Nottinghamshire County Council",
                                            defaults={"headings": "\n".join(COUNTY_COUNCIL_HEADINGS)})
    for key, data in reports.items():
        item = november.items.get(position=positions[key])
        author = get_user_model().objects.get(username=authors[key])
        fields = {k: (sanitise_html(v) if k in ("background", "reasons", "other_options", "financial", "risk",
                                                 "equality", "background_papers", "published_documents") else v)
                  for k, v in data.items() if k != "priorities"}
        with recorded_at(_aware(datetime.date(2013, 11, 4)), user=author):  # as its author submitted it
            report, _ = Report.objects.update_or_create(
                agenda_item=item, title=data["title"],
                defaults=dict(board=board, author=author, status=Report.Status.PUBLISHED, template=template,
                              submitted_at=_aware(datetime.date(2013, 11, 4)),
                              approved_at=_aware(datetime.date(2013, 11, 6)),
                              **{k: v for k, v in fields.items() if k != "title"}),
            )
            report.strategic_priorities.set(board.strategic_priorities.filter(name__in=data["priorities"]))
    return board
