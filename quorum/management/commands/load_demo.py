"""Load the demo board: it uses every app, so it lives in quorum/, above them all."""
import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from actions import demo as actions_demo
from actions.models import AgendaPlan, Plan, PlanSnapshot
from actions.services import plan_snapshot_create
from meetings import demo as meetings_demo
from meetings.models import Meeting
from minutes import demo as minutes_demo
from packs.models import Pack
from packs.services import pack_publish
from performance import demo as performance_demo
from performance.models import PerformanceSnapshot
from performance.services import performance_snapshot_create


class Command(BaseCommand):
    help = "Load (or refresh) the demo Corporate Parenting Board from the reference papers. Idempotent."

    def handle(self, *args, **options):
        board = meetings_demo.load_demo()
        # Each domain app that has demo content adds it to the board.
        for demo in (minutes_demo, actions_demo, performance_demo):
            demo.load_demo(board)
        link_demo_papers(board)
        if publish_demo_pack(board):
            self.stdout.write("The 18 November 2013 agenda packs are queued: the worker builds them when it starts.")
        self.stdout.write(self.style.SUCCESS(f"Demo board loaded: {board.name} ({board.council_name})."))


def publish_demo_pack(board) -> bool:
    """Queue the 18 November 2013 packs for the Celery worker, as the clerk's "Publish pack" does,
    so a visitor who is not signed in finds the public pack soon after `make run` starts.
    Idempotent: nothing is queued once both packs exist. True if queued."""
    meeting = Meeting.objects.filter(board=board, date=datetime.date(2013, 11, 18)).first()
    clerk = get_user_model().objects.filter(username="clerk").first()
    if meeting is None or meeting.agenda_published_at is None:
        return False
    if Pack.objects.filter(meeting=meeting, kind=Pack.Kind.MAIN).exclude(state=Pack.State.FAILED).count() == 2:
        return False
    pack_publish(meeting=meeting, user=clerk)
    return True


def _aware(date):
    import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(10, 0)))


def link_demo_papers(board):
    """On 18 November 2013, item 6 carries the CSE action plan and item 7 the quarterly performance
    report, each frozen as it was when the agenda was published (idempotent)."""
    meeting = Meeting.objects.filter(board=board, date=datetime.date(2013, 11, 18)).first()
    clerk = get_user_model().objects.filter(username="clerk").first()
    if meeting is None or clerk is None:
        return
    plan = Plan.objects.filter(board=board).order_by("pk").first()
    cse_item = meeting.items.filter(position=6).first()
    if plan and cse_item:
        AgendaPlan.objects.get_or_create(agenda_item=cse_item, defaults={"plan": plan})
        if not PlanSnapshot.objects.filter(agenda_item=cse_item).exists():
            # Frozen when the agenda was published (8 November 2013), not on the day the loader runs.
            plan_snapshot_create(plan=plan, user=clerk, agenda_item=cse_item,
                                 at=meeting.agenda_published_at or _aware(datetime.date(2013, 11, 8)))
    performance_item = meeting.items.filter(position=7).first()
    if performance_item and not PerformanceSnapshot.objects.filter(agenda_item=performance_item).exists():
        for public in (True, False):
            performance_snapshot_create(board=board, user=clerk, public=public, as_of=datetime.date(2013, 11, 8),
                                        agenda_item=performance_item, title="Quarter 1 & 2 Performance")
