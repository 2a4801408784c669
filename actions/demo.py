"""The demo board's action plan: the multi-agency CSE action plan 2012–14, transcribed from the
reference (shared/reference/001_…txt, the appendix to the report of 5 November 2012).

`load_demo(board)` is idempotent: it creates the plan once and leaves it alone afterwards.
Where the reference says "Completed", the action is marked complete (which sets it Blue) with
that progress entry, dated as at the report (5 November 2012).

Everything is recorded as it would have been in 2013, never on the day the loader runs: the clerk
enters the plan on ENTERED_ON (before the board's 23 September 2013 meeting), and in October 2013
the leads who have log-ins rate their own actions, each update quoting what the item 6 report of
18 November 2013 (shared/reference/000_…txt, section 1) says of that work. So the History, the
plan's "since the board met" and the pack's frozen plan name the leads and 2013 dates.
"""
import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from actions.models import Action, Plan
from actions.services import action_create, action_progress_add, plan_create, section_create
from boards import demo
from boards.models import Board
from core.audit import recorded_at

PLAN_TITLE = "Child Sexual Exploitation Multi-Agency Action Plan"
PLAN_PERIOD = "2012–14"
REPORT_DATE = datetime.date(2012, 11, 5)
LONDON = ZoneInfo("Europe/London")
ENTERED_ON = datetime.datetime(2013, 9, 2, 10, 0, tzinfo=LONDON)

# Updates made by the leads themselves before the 18 November 2013 meeting:
# (action reference, lead key, when, RAG, progress text from the item 6 report, reason for the RAG).
UPDATES_2013 = [
    ("2.1", "hillier", datetime.datetime(2013, 10, 14, 9, 30, tzinfo=LONDON), "green",
     "Since 1 April 2013 strategy meetings for CSE use the University of Bedfordshire data collection "
     "document; Nottinghamshire Police have used it since 1 July 2013. It will provide the data to scope "
     "and monitor the extent of CSE within Nottinghamshire.", ""),
    ("3.1", "hillier", datetime.datetime(2013, 10, 14, 9, 45, tzinfo=LONDON), "green",
     "The ACPO Action Plan (2013) is published; the cross-authority group now drives its recommendations "
     "with those of the National Action Plan (2011) and the OCC report (2012).", ""),
    ("2.2", "tjohnson", datetime.datetime(2013, 10, 21, 14, 0, tzinfo=LONDON), "amber",
     "The CSECAG report for co-located CSE teams was presented to the City Operational Management Group on "
     "4 July 2013. A stepped approach: a virtual team first, of professionals actively involved in CSE "
     "investigations; the commissioning of a local authority CSE coordinator will be progressed shortly.",
     "A virtual team first; the co-located team is not yet in place."),
]

ORGANISATIONS = {
    # name: short name as the plan prints it
    "Nottinghamshire Police": "Notts Police",
    "Nottinghamshire County Council": "Notts County Council",
    "Nottingham City Safeguarding Children Board": "NCSCB",
    "Nottinghamshire Safeguarding Children Board": "NSCB",
    "NSPCC": "NSPCC",
    "CityCare Partnership": "CityCare Partnership",
}
PARTNERS = ["Nottinghamshire Safeguarding Children Board", "Nottingham City Safeguarding Children Board",
            "Nottinghamshire Police", "Nottinghamshire County Council", "NSPCC"]

# Leads: key -> person() arguments. `login` gives a demo log-in and an officer membership.
LEADS = {
    "hillier": dict(last_name="Hillier", honorific="DI", org="Nottinghamshire Police",
                    email="hillier@example.org", login="hillier"),
    "tjohnson": dict(last_name="Johnson", first_name="Terri", org="Nottinghamshire County Council",
                     job_title="Service Manager, Safeguarding Children (Strategic)",
                     email="terri.johnson@nottsc.gov.uk", phone="0115 977 3921", login="tjohnson"),
    "jwilliams": dict(last_name="Williams", first_name="Jo", org="CityCare Partnership"),
    "ltinsley": dict(last_name="Tinsley", first_name="Liz", org="NSPCC"),
    "kpocock": dict(last_name="Pocock", first_name="Kim", org="Nottingham City Safeguarding Children Board"),
}

# Each section: (title, numbered, responsibility heading, responsibility statement, actions).
# Each action: dict(text, lead (a LEADS key), group, timescale (date or words), completed, subs).
SECTIONS = [
    (
        "Overarching strategy and governance", False, "Responsibility",
        "There will be an effective local strategy to ensure there is a co-ordinated multi-agency response to "
        "Child Sexual Exploitation (CSE) based on a robust, thorough risk assessment of the extent and nature "
        "of CSE locally. The work on CSE will be monitored by the LSCBs.",
        [
            dict(text="Complete a Strategy Document", group="CSECAG", timescale=datetime.date(2012, 5, 31),
                 completed=True),
            dict(text="Complete and agree Action Plan", group="CSECAG", timescale=datetime.date(2012, 5, 31),
                 completed=True),
            dict(text="Complete Terms of Reference for the cross-authority group", group="CSECAG",
                 timescale=datetime.date(2012, 5, 31), completed=True),
        ],
    ),
    (
        "Prevention & Response", True,
        "Promote awareness to improve early identification of child sexual exploitation",
        "There is a critical need for far more awareness amongst all professionals in universal and specialist "
        "services of their role in identifying and addressing child sexual exploitation. Children and young "
        "people and their parents and carers need to have the right information to help them access support "
        "quickly and safely.",
        [
            dict(text="Establish effective communication channels between LSCB and partner agencies to share "
                      "information and training"),
            dict(text="Establish a training working group to:", group="Training Working Group", lead="jwilliams",
                 subs=[
                     "Develop a training programme which is suitable for use across the agencies",
                     "Identify which agencies and groups of workers need to have training & who will deliver it",
                     "Specifically identify how to engage with school staff & governors",
                     "Identify how to engage with young people",
                     "Identify mechanisms for rolling out training",
                 ]),
        ],
    ),
    (
        "Safeguarding and Protection", True,
        "Establish a clear process by which professionals respond appropriately to concerns about CSE",
        "It is important to understand the scale and nature of the problem and there should be systems in place "
        "to monitor the prevalence and response to it. It is vital that once suspicion or actual concerns of CSE "
        "have been identified that there are clear and robust systems in place to respond to the highlighted "
        "concerns or allegations.",
        [
            dict(text="Map the levels of CSE and related data within the Police, City & County\n"
                      "This data will be monitored for prevalence and response via CSECAG, steering group and "
                      "the LSCBs.",
                 lead="hillier",
                 subs=["Referral data related to the police & LAs.", "outputs",
                       "cross reference to missing children & other related data"]),
            dict(text="Work towards the establishment of a cross-authority co-located multi-agency team with:\n"
                      "Establish who will be partners",
                 lead="tjohnson", subs=["LSCB support", "Standard operating protocols"]),
        ],
    ),
    (
        "Bringing Offenders to Justice", True,
        "Improve Police and multi-agency approaches to support bringing offenders to justice.",
        "The overall strategy, approach and response by professionals should support bringing offenders to "
        "justice. However, there are actions which the Police will employ to improve Police prosecutions.",
        [dict(text="Await outcome of ACPO review of the DfE Action Plan", lead="hillier")],
    ),
    (
        "Public Confidence", True,
        "Engage with local communities to raise awareness of CSE and how it affects individuals and communities.",
        "Communities will be enabled to understand what the scale of the problems is and how it impacts on them "
        "individually or as a whole community. Strategies may need to be developed to engage with communities to "
        "be part of preventing or responding to the problem.",
        [
            dict(text="NSPCC Launch Event to be held in October 2012", lead="ltinsley",
                 timescale=datetime.date(2012, 10, 10)),
            dict(text="County & City LA sign up to the Barnardo's 'Cut Them Free' Campaign' and joint media "
                      "statement with the Police.", lead="kpocock", timescale=datetime.date(2012, 6, 11)),
        ],
    ),
]


def _organisations():
    orgs = {}
    for name, short in ORGANISATIONS.items():
        org = demo.organisation(name, short)
        if org.short_name != short:
            org.short_name = short
            org.save()
        orgs[name] = org
    return orgs


def _leads(board: Board):
    people = {}
    for key, spec in LEADS.items():
        spec = dict(spec)
        login = spec.pop("login", None)
        people[key] = p = demo.person(**spec)
        if login:
            demo.login_for(p, login)
            demo.membership(board, p, "officer", position=50)
    return people


def load_demo(board: Board) -> None:
    """Load the CSE multi-agency action plan 2012–14 onto `board`, with its two demo officers
    (log-ins `hillier` and `tjohnson`, passwords `<username>-demo-2013`). Safe to run again."""
    orgs = _organisations()
    people = _leads(board)
    if Plan.objects.filter(board=board, title=PLAN_TITLE).exists():
        return
    # The board's clerk enters the plan (the loader acts as nobody where the board has no clerk log-in).
    clerk = get_user_model().objects.filter(person__pk=getattr(board.clerk, "pk", None)).first()
    if clerk is not None and not clerk.has_perm("actions.add_plan", board):
        clerk = None
    with recorded_at(ENTERED_ON, user=clerk):
        plan = _enter_plan(board, orgs, people, clerk)
    for reference, lead, when, rag, text, reason in UPDATES_2013:
        action = Action.objects.get(plan=plan, reference=reference)
        with recorded_at(when, user=people[lead].user):
            action_progress_add(action=action, user=people[lead].user, text=text, rag=rag, reason=reason,
                                at=when)


def _enter_plan(board, orgs, people, clerk):
    plan = plan_create(board=board, title=PLAN_TITLE, period=PLAN_PERIOD, user=clerk,
                       partner_organisations=[orgs[n] for n in PARTNERS])
    for title, numbered, heading, statement, actions in SECTIONS:
        section = section_create(plan=plan, title=title, numbered=numbered, responsibility_heading=heading,
                                 responsibility_text=statement, user=clerk)
        for spec in actions:
            timescale = spec.get("timescale")
            action = action_create(
                section=section, user=clerk, text=spec["text"],
                lead_person=people.get(spec.get("lead")), lead_group=spec.get("group", ""),
                timescale_date=timescale if isinstance(timescale, datetime.date) else None,
                timescale_text=timescale if isinstance(timescale, str) else "",
            )
            for sub_text in spec.get("subs", []):
                action_create(section=section, parent=action, user=clerk, text=sub_text)
            if spec.get("completed"):
                # As the reference reports it: completed by 5 November 2012, recorded when entered.
                action_progress_add(action=Action.objects.get(pk=action.pk), user=clerk, text="Completed",
                                    complete=True, date=REPORT_DATE, at=ENTERED_ON)
    return plan
