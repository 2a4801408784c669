"""`manage.py load_scale`: a council at realistic scale, for measuring pages, search and load.

The default set is what a council with twenty boards holds after about ten years (issue 16):
20 boards, 1,000 meetings, 10,000 agenda items, 2,000 reports, 10,000 minutes with 50,000 points,
2,000 resolutions, 5,000 actions in 20 plans, and 300 indicators with 40 quarterly values each.
`--large` is five times that (a hosting provider's biggest council); `--scale 0.01` a sliver of
it (the tests). Rows go in with bulk inserts, in one transaction, from a fixed seed: the same
command makes the same data on PostgreSQL and on SQLite. The boards are named "Scale board N"
(slug `scale-N`); a second run refuses rather than doubling them (load it into a fresh database).
Meetings before today are held, published and minuted; the last of each board's is still to come.
"""
import datetime
import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from actions.models import Action, Plan, Rag, Section
from boards.models import Board, Membership, Person
from meetings.models import AgendaItem, Meeting, Report
from minutes.models import MeetingMinutes, Minute, MinutePoint, Resolution
from performance.models import Indicator, IndicatorValue

# Per board, at scale 1: 20 boards give the totals.
PER_BOARD = {"meetings": 50, "items_per_meeting": 10, "reports_per_meeting": 2, "minutes_per_meeting": 10,
             "points_per_minute": 5, "resolutions_per_meeting": 2, "actions": 250, "members": 12}
BOARDS = 20
INDICATORS, VALUES_PER_INDICATOR = 300, 40
WORDS = ("children in care placement stability fostering adoption kinship care leavers education health "
         "assessments missing from care youth offending residential sufficiency strategy independent visitors "
         "virtual school apprenticeships emotional wellbeing safeguarding corporate parenting budget "
         "recommendations partnership police housing employment training review panel report update").split()
SLUG = "scale-"
BATCH = 2000


class Command(BaseCommand):
    help = "Build a council-sized data set (20 boards, 1,000 meetings, 50,000 minute points …) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--boards", type=int, default=BOARDS)
        parser.add_argument("--large", action="store_true", help="Five times the default set.")
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every count per board (0.01 for tests).")
        parser.add_argument("--seed", type=int, default=16)

    def handle(self, *args, boards, large, scale, seed, **options):
        if Board.objects.filter(slug__startswith=SLUG).exists():
            raise CommandError("A scale data set is already loaded here (boards 'scale-…'): load it into a fresh database.")
        factor = scale * (5 if large else 1)
        started = time.perf_counter()
        with transaction.atomic():
            counts = build(boards=boards, factor=factor, rng=random.Random(seed))
        seconds = time.perf_counter() - started
        self.stdout.write(", ".join(f"{n:,} {name}" for name, n in counts.items()) + f" in {seconds:.1f} s.")


def _text(rng, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


def build(*, boards: int, factor: float, rng: random.Random) -> dict:
    def n(key):
        return max(1, round(PER_BOARD[key] * factor)) if key in ("meetings", "actions", "members") else PER_BOARD[key]

    now = timezone.now()
    today = timezone.localdate()
    author, _ = get_user_model().objects.get_or_create(username="scale-officer", defaults={"first_name": "Scale",
                                                                                            "last_name": "Officer"})
    counts = dict.fromkeys(("boards", "meetings", "items", "reports", "minutes", "points", "resolutions",
                            "actions", "indicators", "values"), 0)
    all_boards = _bulk(Board, [Board(name=f"Scale board {b + 1}", slug=f"{SLUG}{b + 1}") for b in range(boards)])
    counts["boards"] = len(all_boards)
    people = _bulk(Person, [Person(first_name=f"Member{b}x{m}", last_name=rng.choice(("Smith", "Khan", "Jones", "Patel")))
                            for b in range(boards) for m in range(n("members"))])
    _bulk(Membership, [Membership(board=board, person=people[b * n("members") + m], role=Membership.Role.MEMBER)
                       for b, board in enumerate(all_boards) for m in range(n("members"))])
    number = 1
    for board in all_boards:
        count = n("meetings")
        # Every 73 days back from today: ten years for 50 meetings; the last one still to come.
        dates = [today - datetime.timedelta(days=73 * (count - 1 - i) - 14 * (i == count - 1)) for i in range(count)]
        meetings = _bulk(Meeting, [
            Meeting(board=board, date=d, start_time=datetime.time(14), venue="Loxley House",
                    status=Meeting.Status.SIGNED if d < today else Meeting.Status.AGENDA_PUBLISHED,
                    agenda_published_at=now) for d in dates])
        items = _bulk(AgendaItem, [
            AgendaItem(meeting=m, position=p, title=_text(rng, 5)[:-1], is_exempt=(p == n("items_per_meeting")),
                       exempt_paragraph=3 if p == n("items_per_meeting") else None,
                       exempt_reason="Provider prices." if p == n("items_per_meeting") else "")
            for m in meetings for p in range(1, n("items_per_meeting") + 1)])
        reports = _bulk(Report, [
            Report(board=board, agenda_item=i, author=author, status=Report.Status.PUBLISHED, title=i.title,
                   summary=_text(rng, 30), recommendations="To note the report.",
                   background="".join(f"<p>{_text(rng, 40)}</p>" for _ in range(4)))
            for i in items if 4 <= i.position < 4 + n("reports_per_meeting")])
        held = [m for m in meetings if m.date < today]
        _bulk(MeetingMinutes, [MeetingMinutes(meeting=m, status="published", published_at=now) for m in held])
        minutes = []
        for m in held:
            for p in range(1, n("minutes_per_meeting") + 1):
                minutes.append(Minute(meeting=m, number=number, position=p, title=_text(rng, 6)[:-1],
                                      narrative=_text(rng, 25)))
                number += 1
        minutes = _bulk(Minute, minutes)
        points = _bulk(MinutePoint, [MinutePoint(minute=mi, order=o, text=_text(rng, 20))
                                     for mi in minutes for o in range(1, n("points_per_minute") + 1)])
        resolutions = _bulk(Resolution, [Resolution(minute=mi, text="to " + _text(rng, 15).lower())
                                         for mi in minutes if mi.position <= n("resolutions_per_meeting")])
        plan = Plan.objects.create(board=board, title=f"{board.name} action plan", period="2016 to 2026")
        sections = _bulk(Section, [Section(plan=plan, title=_text(rng, 4)[:-1], position=s + 1) for s in range(5)])
        actions = _bulk(Action, [
            Action(plan=plan, section=sections[a % 5], position=a // 5 + 1, text=_text(rng, 18),
                   rag=rng.choice((Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)))
            for a in range(n("actions"))])
        for key, rows in (("meetings", meetings), ("items", items), ("reports", reports), ("minutes", minutes),
                          ("points", points), ("resolutions", resolutions), ("actions", actions)):
            counts[key] += len(rows)
    indicators = _bulk(Indicator, [
        Indicator(code=f"SCALE-{i + 1:03d}", title=_text(rng, 6)[:-1], definition=_text(rng, 20), source="Scale data")
        for i in range(max(1, round(INDICATORS * factor)))])
    for indicator in indicators:
        indicator.boards.add(all_boards[indicator.pk % len(all_boards)])
    quarters = [datetime.date(2016 + q // 4, 1 + 3 * (q % 4), 1) for q in range(VALUES_PER_INDICATOR)]
    values = _bulk(IndicatorValue, [
        IndicatorValue(indicator=ind, period_start=start,
                       period_end=(datetime.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
                                   - datetime.timedelta(days=1)),
                       value=round(rng.uniform(10, 95), 1))
        for ind in indicators for start in quarters])
    counts["indicators"], counts["values"] = len(indicators), len(values)
    return counts
