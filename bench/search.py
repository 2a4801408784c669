"""`make bench`, search part: p50/p95 latency of a results page (count, ranked page of 20 with
snippets) over the demo-sized board plus generated data, for the public and for a member.

Uses `manage.py load_scale` when it exists; otherwise generates, inside a transaction that is
rolled back, two boards with ten years of meetings, reports of numbered paragraphs (text from the
reference papers), and a few thousand minutes, points and decisions, then builds the index with
`search.indexing.rebuild_all` (also timed). Each query is run once to warm up, then timed.
"""
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["fostering", "kinship allowances", "child sexual exploitation", "placement stability", "care leavers",
           "youth offending", "\"children in care\"", "health assessments", "education attainment", "adoption",
           "missing from care", "residential", "police", "budget", "recommendations", "apprenticeships",
           "virtual school", "safeguarding board", "corporate parenting", "emotional health", "note the report",
           "nottingham", "performance", "sufficiency strategy", "independent visitors"]


def _generate(paragraphs):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from boards.models import Board, Membership, Person
    from meetings.models import AgendaItem, Meeting, Report
    from minutes.models import MeetingMinutes, Minute, MinutePoint, Resolution

    rng = random.Random(13)
    author = get_user_model().objects.create(username=f"bench-search-{time.time_ns()}")
    member = get_user_model().objects.create(username=f"bench-member-{time.time_ns()}")
    boards = []
    for n in range(2):
        board = Board.objects.create(name=f"Bench Board {n}", slug=f"bench-search-{n}-{time.time_ns()}")
        boards.append(board)
    person = Person.objects.create(first_name="Bench", last_name="Member", user=member)
    Membership.objects.create(board=boards[0], person=person, role=Membership.Role.MEMBER)
    now = timezone.now()
    counts = {"meetings": 0, "items": 0, "reports": 0, "minutes": 0, "points": 0, "resolutions": 0}
    number = 1
    for board in boards:
        meetings = Meeting.objects.bulk_create([
            Meeting(board=board, date=datetime.date(2014, 1, 6) + datetime.timedelta(days=61 * i),
                    start_time=datetime.time(14), venue="Loxley House", agenda_published_at=now)
            for i in range(60)])
        counts["meetings"] += len(meetings)
        items = AgendaItem.objects.bulk_create([
            AgendaItem(meeting=m, position=p, title=" ".join(rng.choice(paragraphs).split()[:6]),
                       is_exempt=(p == 8), exempt_paragraph=3 if p == 8 else None)
            for m in meetings for p in range(1, 9)])
        counts["items"] += len(items)
        reports = Report.objects.bulk_create([
            Report(board=board, agenda_item=i, author=author, status=Report.Status.PUBLISHED,
                   title=i.title, summary=rng.choice(paragraphs), recommendations="To note the report.",
                   background="".join(f"<p>{rng.choice(paragraphs)}</p>" for _ in range(6)),
                   reasons="".join(f"<p>{rng.choice(paragraphs)}</p>" for _ in range(3)))
            for i in items if i.position >= 4])
        counts["reports"] += len(reports)
        MeetingMinutes.objects.bulk_create([MeetingMinutes(meeting=m, status="published", published_at=now)
                                            for m in meetings])
        minutes = []
        for m in meetings:
            for p in range(1, 9):
                minutes.append(Minute(meeting=m, number=number, position=p, title=rng.choice(paragraphs)[:80],
                                      narrative=rng.choice(paragraphs)))
                number += 1
        minutes = Minute.objects.bulk_create(minutes)
        counts["minutes"] += len(minutes)
        points = MinutePoint.objects.bulk_create([MinutePoint(minute=mi, order=o, text=rng.choice(paragraphs))
                                                  for mi in minutes for o in range(4)])
        counts["points"] += len(points)
        resolutions = Resolution.objects.bulk_create([Resolution(minute=mi, text="to note " + rng.choice(paragraphs)[:200])
                                                      for mi in minutes])
        counts["resolutions"] += len(resolutions)
    return member, counts


def run() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quorum.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command, get_commands
    from django.db import connection, transaction

    from bench.run import _paragraphs
    from search.indexing import rebuild_all
    from search.models import SearchEntry
    from search.selectors import Filters, search_page

    out = {"database": connection.vendor}
    with transaction.atomic():
        if "load_scale" in get_commands():
            call_command("load_scale")
            out["data"] = "load_scale"
        member, counts = _generate(_paragraphs())
        out["generated"] = counts
        started = time.perf_counter()
        out["index_entries"] = rebuild_all()
        out["rebuild_seconds"] = round(time.perf_counter() - started, 2)
        out["index_entries"] = SearchEntry.objects.count()
        board_id = SearchEntry.objects.filter(board__name="Bench Board 0").values_list("board_id", flat=True).first()
        timings = {"public": [], "member": [], "filtered": []}
        for reader, key, filters in ((AnonymousUser(), "public", Filters()), (member, "member", Filters()),
                                     (AnonymousUser(), "filtered", Filters(board_id=board_id, year=2016, kind="minutes"))):
            for phrase in QUERIES:
                list(search_page(reader, phrase, filters, 1).object_list)  # warm
                started = time.perf_counter()
                page = search_page(reader, phrase, filters, 1)
                list(page.object_list)
                page.paginator.count
                timings[key].append((time.perf_counter() - started) * 1000)
        for key, values in timings.items():
            values.sort()
            out[f"{key}_p50_ms"] = round(statistics.median(values), 1)
            out[f"{key}_p95_ms"] = round(values[max(0, int(round(0.95 * len(values))) - 1)], 1)
        transaction.set_rollback(True)
    out["queries"] = len(QUERIES)
    out["goal_p95_ms"] = 150
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run()))
