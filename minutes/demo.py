"""Demo attendance, declarations, minutes and resolutions, transcribed from the reference pack.

The minutes of 23 September 2013 (minutes 19–24) and the resolutions of 15 July 2013 with the
responses that the "Response to Resolutions" paper for 18 November 2013 gives. The text is
transcribed here once; nothing is parsed from the reference at run time. Idempotent: the
minutes of the demo meetings are rebuilt from this data on every run, and the 15 July minutes
are then confirmed at 23 September exactly as the real board did.
"""
import datetime

from django.db import transaction
from django.utils import timezone

from boards import demo
from boards.models import Board, Membership, Person
from core.audit import recorded_at
from core.concurrency import UNCHECKED
from minutes import services as svc
from meetings.models import Meeting
from minutes.models import (
    Attendance, Declaration, Interest, InterestKind, MeetingMinutes, Minute, MinutesStatus, OtherAttendee, Resolution,
    ResolutionResponse,
)

HIGHLIGHTED = "The following points were highlighted:"

# Minute 22: (text, [sub-points]); a "lead_in" key where the reference has a line before the point.
CAMHS_NARRATIVE = (
    "Emma Pearce, Team Manager for Children & Adolescent Mental Health Services (CAMHS), Children Looked After "
    "Team, presented the item by explaining the role of her team."
)
CAMHS_POINTS = [
    ("the team, based at Thorneywood, had considered how the service could be improved for Children in Care, both those living in the City and those placed outside;", [], HIGHLIGHTED),
    ("currently, once the child's social worker had requested the support of the service, an initial approach would be made to the young person and, where necessary, the foster carer;", [], ""),
    ("once contact is made, then the involvement of the team lasts as long as it is needed;", [], ""),
    ("the team continue to provide regular consultations to internal staff at residential homes on how best to support young people with their emotional and mental health needs;", [], ""),
    ("group sessions on improving skills with young people, held over 6 weeks are also available to home staff. Staff had fed back that the course was proving very useful so it was suggested that it be rolled out to foster carers too;", [], ""),
    ("members of the Team have continued to take part in a variety of panels and meetings involving young people to ensure that the profile of mental health remained prominent. These include:", [
        "Placement Panel",
        "Profiling Tool Panel;",
        "Edge of Care Panel;",
        "Children in Care Working Group;",
        "Children in Care Outcomes Group;",
        "National Society for the Prevention of Cruelty to Children Steering Group;",
        "NCSB Audits;",
        "Network Meetings - Police/ Youth Offending Team;",
    ], ""),
    ("The intention is to re-examine the remit of the team and potentially increase its size by October 2013. It is proposed that a pathway be devised to include:", [
        "For children and young people placed outside Nottinghamshire, the recruitment of two CAMHS practitioners to specifically liaise with CAMHS in the area in which the child lives and to clinically monitor these children;",
        "All Nottingham City Children placed out of the area to receive an initial assessment to ensure that the right therapeutic and mental health services are provided locally and in a timely manner;",
        "That six monthly Strengths, and Difficulties Questionnaires scores are undertaken as part of the Health Assessment Review and within the LAC review statutory process;",
        "Links closely with the placements service ensuring that CAMHS are informed of placement moves and can forward information to ensure that effective monitoring can take place, such as incorporating references in the Strengths and Difficulties surveys;",
        "Support the network in relation to CAMHS and external providers' quality assurance.",
    ], ""),
    ("It is proposed that a pre and post adoption support services will be expanded to ensure that emotional needs are met. This may potentially include offering training to prospective adoptive parents. It's currently not certain how this will be structured as clarity was required from the Clinical Commissioning Board as to what their requirements are;", [], ""),
    ("Where other Local Authorities have children placed in Nottingham, Fostering and Adoption had offered to sell their services. Where the offer has been accepted, it has generated a small income which has been re-invested into the service;", [], ""),
    ("The waiting list for adoptions is relatively short but the team are currently working to capacity. With additional team members the waiting time can be reduced much more quickly.", [], ""),
    ("Young people do have a say in their consultations, initially through their social workers, then with the team. Each case is treated individually and ideally, all reports are shared with the young person;", [], "The following information was prompted by the Board's questions:"),
    ("204 children in care have been allocated to the team and are receiving ongoing consultations. Approximately 1 in 5 looked after children have mental health issues;", [], ""),
    ("Schools are included in the network partnership;", [], ""),
    ("The youngest children involved so far have been 5 years of age. Although all cases are considered on an individual basis, in cases where the children are this young, the team will work directly with their carer;", [], ""),
    ("Where children are placed outside Nottinghamshire, an arrangement with that Local Authority is made for them to provide the required services. Their service is monitored by the team who also liaise with the commissioners;", [], ""),
    ("The pilot scheme of a 'tariff model and traded services' had generated £8,000. The scheme had proved perfect with regard to the more specialist needs of the young person. Currently there are 47 of Nottingham's young people resident outside of Nottingham, some only a few miles away, depending on where carers are available;", [], ""),
    ("Once a referral has been made, usually by the GP or social worker, an initial assessment generally takes place within a week. During that assessment, the date of the next meeting/session is scheduled, usually for between 4 and 6 weeks time. Each session lasts approximately half a day and depending on the need of the child, can take place weekly or fortnightly with reviews every 6 months or 12 sessions;", [], ""),
    ("If a child receiving the services of CAMHS is moved to the area of another Local Authority, the team endeavour to ensure that the local CAMHS is made aware and Nottingham CAMHS will continue to provide services until a full hand over can be completed;", [], ""),
    ("Carers generally found the service to be fantastic but, where a young person was desperate, the wait of 4-8 weeks can seem very long for the carer and the child;", [], ""),
    ("It would be helpful if carers could make referrals and not have to wait for the social workers or GPs. This would improve the speed of the process.", [], ""),
]

FOSTERING_NARRATIVE = (
    "Jon Dudley, Service Manager for Fostering and Adoption, presented the report which summarised the impact of "
    "two current contracts for commissioned work by Social Work Choices and Fostering Network Advice and Mediation "
    "Service."
)
FOSTERING_POINTS = [
    ("The Action Plan for Adoption was published by Central Government in March 2012, with revised guidance issued in July 2013, primarily to reduce the time that children wait for adoptive placements and for those adoptions to be completed;", [], HIGHLIGHTED),
    ("A 3 year pilot to assess adopters and foster carers was commissioned from Social Work Choices;", [], ""),
    ("First4Adoption was a \"front door\" website containing information, advice and details of adoption agencies;", [], ""),
    ("A two stage process had been developed for adoptions, to reduce the process to 6 months or less, a similar process has also been applied for the process of approving foster carers;", [], ""),
    ("Nottingham City recruits foster and adoptive carers through in-house advertising, initial information events, training and monthly information meetings;", [
        "Between 1 September 2012 and 31 August 2013, 297 adoption information packs were dispatched, slightly lower than the previous year when 335 were sent out;",
        "The number of enquirers attending adoption information sessions has risen from 130 to 144;",
    ], ""),
    ("Assessments are passed to Social Work Choices (SWC), the commissioned partner which then prepares and presents the applications to the Panel for consideration;", [
        "SWC have presented 28 applications to the Panel (all approved), compared to 14 the previous year;",
        "The contract was set initially for three years and is nearing the end of the second year;",
    ], ""),
    ("Not all applications result in adoption or fostering for a variety of reasons. Some applicants withdraw for personal reasons but others are declined or deferred by the Panel following medicals, international checks, Criminal Record Bureau checks etc;", [], ""),
    ("Nottingham City Foster Carers currently provide placements for 218 children and 153 looked after children are currently at some stage of the adoption process;", [], ""),
    ("To help reduce the delay in the adoption process, grant funding from central government will be used to employ several additional staff:", [
        "A Communities and Marketing Officer;",
        "A Customer Services Officer;",
        "Fast Track Adoption Support Advisors;",
        "Two additional Adoption Support Advisors;",
        "A Practice Manager;",
        "An enhancement to Post Order Support;",
        "An Innovation and Change Manager.",
    ], ""),
    ("An adoption scorecard is the national method of monitoring the time taken for an adoption to be completed, with the guidance stating that the process should not take more 91 weeks from when the child enters care and when they are placed for adoption, and no more than 30 weeks between the court agreeing a plan for adoption and children being matched to parents;", [], ""),
    ("During 2012/13, on average, Nottingham City achieved both stages as within 95 weeks and 36 weeks respectively;", [], ""),
    ("It is a statutory requirement to ensure that carers have access to independent advice so Nottingham City Council provides its foster carers with individual membership of the Fostering Network Advice and Mediation Service:", [
        "The service offers a advice on a range of issues;",
        "During 2012/13, this service was accessed by Nottingham City carers 31 times;",
        "Some of the issues raised highlighted the need for carers to receive full and complete information on children at the start of each placement, and where allegation are made against carers, for those carers to receive support and to be kept informed of progress;",
        "The cost of the contract with the Fostering Network is currently £14,626 per year.",
    ], ""),
    ("Before SWC were engaged, the applications and assessments were processed by an in house team but the system was complicated and often confusing to potential carers. As part of the 3 year pilot, the performance of SWC's 'one assessment system' is due to be assessed after the second year, hopefully during December, by which time all the relevant information can be analysed. In addition, carers will be asked for their opinions as part of the assessment of the pilot;", [], "The following responses were given to questions asked and comments made by the Board;"),
    ("The assessments undertaken by SWC were still thorough and enabled decisions to be made much earlier in the process. This was in the best interest of the child;", [], ""),
    ("There was also to be a review of the timeliness of how courts processed adoption issues;", [], ""),
    ("With the new marketing manager post in place, there were plans to try and encourage partner organisations to display the City Council advertising for fostering and adoption to encourage their employees to come forward. In addition, the City Council Team also planned to attend some community events and festivals to promote fostering and adoption through the City Council;", [], ""),
    ("Through SWC, currently each fostering assessment cost £2,000 and each adoption assessment £2,200;", [], ""),
    ("Foster and adoption carers will be asked their opinions on the best places and methods for advertising;", [], ""),
    ("Central Government promotes fostering with a view to adopting but there are risks to acknowledge in that currently the courts will make the final decision. Carers will need to be prepared to cope with this risk;", [], ""),
    ("40 children were adopted last year through the City Council, and since March this year, 10 more have been adopted;", [], ""),
    ("One of the issues raised as a result of the calls to the Fostering Network was that communication between the City Council and carers needed improving. This would be addressed;", [], ""),
    ("Carers attending the meeting had contacted the Fostering Network for issues including special insurance required, tax office problems, and a special guardianship query. The service was considered by the carers to be like a union for foster carers.", [], ""),
]
# (text, [sub-resolutions], owner username, status)
FOSTERING_RESOLUTIONS = [
    ("to note:", [
        "the steps being taken locally to address the challenging Adoption Reform agenda and meet our national and local strategic priorities;",
        "the work undertaken by the commissioned partners to support the City Council's work;",
    ]),
    ("to approve the continuation of offering foster carers the benefits of individual membership of the Fostering Network;", []),
    ("to review the work commissioned through Social Work Choices at the end of the second year of the contract with particular reference to quality and value.", []),
]

# 23 September 2013: members' attendance: (last name, status, reason, in advance, from, to).
ATTENDANCE_23_SEPTEMBER = [
    ("Mellen", Attendance.Status.PRESENT, "", False, None, None),
    ("Klein", Attendance.Status.ABSENT, "", False, None, None),
    ("Culley", Attendance.Status.APOLOGIES, "", True, None, None),
    ("Dewinton", Attendance.Status.APOLOGIES, "", True, None, None),
    # Sent apologies in advance ("on other Council business"), then came: ticked present, and so no
    # longer listed under apologies (the reference minutes list him under both).
    ("Jenkins", Attendance.Status.PRESENT, "on other Council business", True, None, None),
    ("McCulloch", Attendance.Status.PRESENT, "", False, None, None),
    ("Morley", Attendance.Status.ABSENT, "", False, None, None),
    ("Morris", Attendance.Status.PRESENT, "", False, 22, 24),
    ("Smith", Attendance.Status.PRESENT, "", False, None, None),
]
# Apologies from people who are not members of the board: (first, last).
OTHER_APOLOGIES = [("Candida", "Brudenell"), ("Evonne", "Rogers"), ("Heidi", "Watson")]
# Others in attendance: (honorific, first, last, note, organisation).
OTHERS_23_SEPTEMBER = [
    ("Councillor", "Rosemary", "Healy", "Observing", ""),
    ("", "Gill", "Moy", "", "Nottingham City Homes"),
    ("", "Bev", "Beatie", "Foster Carers", ""),
    ("", "Tanya", "Mackley", "Foster Carers", ""),
    ("", "Lewis", "Fearon", "Children in Care Council Rep", ""),
    ("", "Jon", "Dudley", "Fostering & Adoption", "Children and Families"),
    ("", "Paulette", "Thompson-Omenka", "Head of Children in Care", "Children and Families"),
    ("", "Kelly", "Connolly", "Schools Access & Improvement", "Children and Families"),
    ("", "Helen", "Blackman", "Safeguarding", "Children and Families"),
    ("", "Emma", "Pearce", "Child & Adolescent Mental Health Services (CAMHS)", "Children and Families"),
    ("", "Alan", "Monaghan", "15 Plus Team", "Children and Families"),
    ("", "Lynn", "Pearce", "15 Plus Team", "Children and Families"),
    ("", "Catherine", "Ziane-Pryor", "", "Constitutional Services - Resources"),
]

# 15 July 2013: the RISE minute (18) and its resolutions, with the responses of the reference
# paper. (text, [(sub-text, [responses])], [responses])
RISE_RESOLUTIONS = [
    ("to request BITC and the City Council's Family Community Team and the 15+ Team to improve their promotion of the RISE Programme to care leavers and local business partners, and to consider the use of social media;", [], [
        "This is an ongoing piece of work and both parties are committed to working closely to improve awareness of the RISE programme and resulting referral levels. We are delighted that the Face-Up Facebook page is now live and we will be feeding information out to the administrators to post onto this.",
    ]),
    ("to request Jamie Shrivastava and Dave Richards of RISE liaise with appropriate contacts to clarify the joint protocol ensuring that outcomes are successfully captured;", [], [
        "Dave Richards has met with Sharon Clarke and Paul Wilkinson and agreed a protocol for reporting client progress on the RISE Programme. In addition to the service level agreement, which is currently being finalised, the RISE manager, Jamie Shrivastava, will be communicating client log sheets on a monthly basis that will be uploaded onto the Castle system.",
    ]),
    ("to receive a further report from the RISE team at the November meeting, detailing:", [
        ("a business case for the proposal to provide bridging loans to support young people in their first month of employment between benefits stopping and receiving their first wage;", [
            "Business Case\n\n"
            "Background: A young person in receipt of JSA receives £54 per week. This amount is often impacted on and can be subsequently reduced by fines/sanctions imposed by the DWP (Department for work and pensions). Typically young people can receive £36 a week. These fines and sanctions are often the result of young people failing to evidence looking for work, or failing to attend appointments. These sanctions are widely applied, as the benefit system is overstretched. It should also be recognised that Care Leavers are not a recognised category by DWP.\n\n"
            "In order to counteract this problem in the past the young people were forced to turn to DWP to request a crisis loans/emergency payment. A claim such as this can take 3 to 4 weeks to come through so by the time the young person receives the money, if they are eligible to receive it, it may come too late.\n\n"
            "Young people take the option of employment because we encourage them to see this as a crucial step to a better quality of life. However, if a young person gains employment, they are expected to work a month in hand, a month without receiving any payment whatsoever, bringing them into hardship.\n\n"
            "Currently the RISE programme loans the young person £30-40 a week until they receive their first salary. This money is for gas, electric and food. The local authority pays for travel. Without offering this financial support we would effectively be leading vulnerable young people, who automatically fall within the UK poverty bracket, into a far worse situation risking their potential to succeed in their first month of work.\n\n"
            "Without gas and electric the young people find it very difficult to maintain the hygiene level required and without sufficient, high enough quality food, they risk being unable to concentrate and learn at work, and run the risk of falling ill and having to take time off work giving a very poor impression to employers.\n\n"
            "Solution: Happily, Sharon Clarke, (Service Manager, Children in care), has now found some funds that could be used to support young people in their first month of employment, this will be allocated on a case by case.",
        ]),
        ("the potential inclusion of young single parents within the programme, including details of the support which Sure Start could provide, and other support options available.", [
            "Background: Due to a lack of support network (family/relatives/friends) and low income – Lone parents care leavers have struggled to engage with the RISE programme in the past and therefore we have not gained referrals from this source.\n\n"
            "In order to offer the best possible support to young single parents and engage them in the programme we have researched the additional support available and discovered the following:\n\n"
            "Under the Families Information Service (Families and Communities Team) Nottingham City Council, exist a range of services that are available to everyone (including under 18's) and some specific to teenage and/or lone parents. The Families Information Service will be able to support any lone parents with issues around childcare and associated benefits and additional family support services are being delivered through Children's Centres across the city.\n\n"
            "This team is also available to brief colleagues (Case holders within the 15 plus team) about their services for families and parents. They can also meet young people/lone parents to explain about the support and advice offered.\n\n"
            "In addition to this Jamie Shrivastava has met with a local representative from Job Centre Plus. There exists criteria in which lone parents (18 plus) can apply for financial assistance regarding childcare and Jamie has been assured that JCP will consider RISE sessions as valuable tools in the search for sustainable employment which they would be willing to support in this regard.\n\n"
            "Business in the Community worked in partnership with both JCP and the Families Information Service to set up informative/introduction sessions appropriate for lone parents who are under the care of the authority. These information/sessions are now offered on an individual basis.",
        ]),
    ], []),
    # The reference answers this one with the paper's closing sentence.
    ("to note the Board's appreciation of the report and attendance of Business in the Community's representatives at the meeting.", [],
     ["Thank you for giving us the opportunity to share our work with you."]),
]
RESPONSE_DATE = datetime.date(2013, 11, 8)


def _person(first, last, honorific=""):
    return Person.objects.filter(first_name=first, last_name=last).first() or demo.person(last, first, honorific)


def _wipe(meeting: Meeting):
    """Remove the demo minutes of a meeting so they can be rebuilt (bypassing the lock on purpose:
    this is the demo loader rebuilding its own data, not an edit of real minutes)."""
    from minutes.models import MinutePoint

    Resolution.objects.filter(confirms__meeting=meeting).update(confirms=None)
    Minute.objects.filter(corrects__meeting=meeting).update(corrects=None)
    Resolution.objects.filter(minute__meeting=meeting).update(parent=None)
    MinutePoint.objects.filter(minute__meeting=meeting).update(parent=None)
    for qs in (ResolutionResponse.objects.filter(resolution__minute__meeting=meeting),
               Resolution.objects.filter(minute__meeting=meeting), MinutePoint.objects.filter(minute__meeting=meeting),
               Minute.objects.filter(meeting=meeting), Declaration.objects.filter(meeting=meeting),
               Attendance.objects.filter(meeting=meeting), OtherAttendee.objects.filter(meeting=meeting)):
        qs._raw_delete(qs.db)
    MeetingMinutes.objects.filter(meeting=meeting)._raw_delete(MeetingMinutes.objects.db)


def _points(minute, points, user):
    for text, subs, lead_in in points:
        point = svc.point_add(minute=minute, user=user, text=text, lead_in=lead_in)
        for sub in subs:
            svc.point_add(minute=minute, user=user, text=sub, parent=point)


@transaction.atomic
def load_demo(board: Board) -> None:
    """Add the demo board's attendance, declarations, minutes and resolutions. Idempotent."""
    july = Meeting.objects.get(board=board, date=datetime.date(2013, 7, 15))
    september = Meeting.objects.get(board=board, date=datetime.date(2013, 9, 23))
    november = Meeting.objects.get(board=board, date=datetime.date(2013, 11, 18))
    user = board.clerk.user if board.clerk and board.clerk.user_id else None
    for meeting in (november, september, july):
        _wipe(meeting)

    # Recorded as the clerk did it in 2013 (the History shows those dates and names), not on the day
    # the loader runs: the July minutes after that meeting, September's after the 23rd.
    with recorded_at(_aware(datetime.date(2013, 7, 17)), user=user):
        _july(july, november, user)
    with recorded_at(_aware(datetime.date(2013, 9, 25)), user=user):
        _september(board, july, september, user)


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _july(july, november, user):
    # 15 July 2013: the first meeting recorded in Quorum. Only its RISE minute is in the
    # reference (its resolutions are quoted in the response paper); it was minute 18.
    MeetingMinutes.objects.create(meeting=july, first_number=18)
    rise = svc.minute_insert(meeting=july, user=user, title="Business in the Community - RISE",
                             narrative="Jamie Shrivastava presented 4 recommendations to the Board.")
    owner = _rise_owner()
    for text, subs, responses in RISE_RESOLUTIONS:
        r = svc.resolution_add(minute=rise, user=user, text=text, owner=owner, due_meeting=november,
                               status=Resolution.Status.DONE if text.startswith("to note") else Resolution.Status.OPEN)
        for response in responses:
            _respond(r, response, owner.user)
        for sub_text, sub_responses in subs:
            s = svc.resolution_add(minute=rise, user=user, text=sub_text, parent=r, owner=owner, due_meeting=november)
            for response in sub_responses:
                _respond(s, response, owner.user)
    svc.minutes_publish(meeting=july, user=user, at=_aware(datetime.date(2013, 7, 17)))


def _september(board, july, september, user):
    # 23 September 2013: attendance, others in attendance, the declaration, minutes 19–24.
    people = {m.person.last_name: m.person for m in Membership.objects.filter(board=board, role__in=Membership.MEMBER_ROLES).select_related("person")}
    svc.minutes_record_for(september)
    svc.attendance_prefill(meeting=september, user=user)
    for last, status, reason, in_advance, start, end in ATTENDANCE_23_SEPTEMBER:
        Attendance.objects.filter(meeting=september, person=people[last]).update(
            status=status, apology_reason=reason, apology_in_advance=in_advance, from_minute=start, to_minute=end)
    for first, last in OTHER_APOLOGIES:
        svc.apology_record(meeting=september, person=_person(first, last), user=user)
    for honorific, first, last, note, organisation in OTHERS_23_SEPTEMBER:
        svc.other_attendee_add(meeting=september, person=_person(first, last, honorific), user=user, note=note, organisation=organisation)

    svc.minutes_draft(meeting=september, user=user)
    minutes = {m.agenda_item.position: m for m in september.minutes.select_related("agenda_item")}
    fostering_item = september.items.get(position=5)
    mellen = people["Mellen"]
    interest, _ = Interest.objects.get_or_create(
        person=mellen, description="Close friend who is part of the Fostering Network",
        defaults={"kind": InterestKind.NON_REGISTRABLE, "registered_on": datetime.date(2013, 9, 23)},
    )
    svc.declaration_add(meeting=september, person=mellen, agenda_item=fostering_item, kind=InterestKind.NOT_REQUIRED,
                        text="he had a close friend who was part of the Fostering Network",
                        action=Declaration.Action.STAYED_SILENT, interest=interest, user=user)
    # The minutes as the council recorded them, not as Quorum would word them from the declaration.
    Declaration.objects.filter(meeting=september, person=mellen).update(wording=DECLARATION_AS_MINUTED)
    next_meeting = september.minutes.filter(kind=Minute.Kind.NEXT_MEETING).first()
    if next_meeting is not None:
        next_meeting.resolutions.filter(parent=None).update(text=NEXT_MEETING_AS_MINUTED)

    # Confirmed and signed at the 23 September meeting.
    svc.minutes_confirm(meeting=july, at_meeting=september, user=user, signed=True, signed_by=mellen,
                        at=timezone.make_aware(datetime.datetime(2013, 9, 23, 15, 10)))

    camhs = minutes[4]
    svc.minute_update(minute=camhs, version=UNCHECKED, user=user, title=camhs.title, narrative=CAMHS_NARRATIVE)
    _points(camhs, CAMHS_POINTS, user)
    svc.resolution_add(minute=camhs, user=user, text="to note the report.")

    fostering = minutes[5]
    svc.minute_update(minute=fostering, version=UNCHECKED, user=user, title=fostering.title, narrative=FOSTERING_NARRATIVE)
    _points(fostering, FOSTERING_POINTS, user)
    for text, subs in FOSTERING_RESOLUTIONS:
        r = svc.resolution_add(minute=fostering, user=user, text=text)
        for sub in subs:
            svc.resolution_add(minute=fostering, user=user, text=sub, parent=r)
    svc.minutes_publish(meeting=september, user=user, at=_aware(datetime.date(2013, 9, 25)))


DECLARATION_AS_MINUTED = (
    "Although not required to do so, Councillor Mellen informed the Committee that, with regard to agenda "
    "item 4, (minute 24) he had a close friend who was part of the Fostering Network, and so while remaining "
    "in the room, he would not comment during this item."
)
NEXT_MEETING_AS_MINUTED = "to note that the next meeting is scheduled to be held on 18 November 2013 at 2.30pm in Loxley House."


def _rise_owner():
    """Jamie Shrivastava of Business in the Community answers for the RISE resolutions."""
    return demo.person("Shrivastava", "Jamie", org="Business in the Community", job_title="RISE Manager")


def _respond(resolution, text, user):
    ongoing = "ongoing piece of work" in text
    with recorded_at(_aware(RESPONSE_DATE)):
        _respond_now(resolution, text, user, ongoing)


def _respond_now(resolution, text, user, ongoing):
    svc.resolution_respond(resolution=resolution, user=user, text=text, date=RESPONSE_DATE,
                           status=Resolution.Status.IN_PROGRESS if ongoing else Resolution.Status.DONE)
