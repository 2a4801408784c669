"""An item can carry an action plan or a performance report as its paper: both go into the pack
as frozen at publication, and the public pack never shows a small number."""
import datetime
from decimal import Decimal

from actions import services as action_services
from actions.models import AgendaPlan
from meetings import services as meeting_services
from packs.models import Pack
from packs.services import pack_build
from performance import services as performance_services

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.actions.factories import plan_with_two_leads
from tests.packs.factories import page_texts, pdf_bytes
from tests.performance.factories import IndicatorFactory, IndicatorValueFactory


def _text(version):
    return " ".join(" ".join(page_texts(pdf_bytes(version))).split())  # table cells wrap


def test_plan_paper_is_frozen_at_publication(board, clerk, officer, other_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan, _, mine, _ = plan_with_two_leads(board, officer, other_officer, user=clerk)
    action_services.action_progress_add(action=mine, user=officer, text="Channels agreed with LSCB partners",
                                        rag="green", reason="On track")
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18))
    item = AgendaItemFactory(meeting=meeting, position=1, title="CSE action plan progress")
    AgendaPlan.objects.create(agenda_item=item, plan=plan)
    meeting_services.agenda_publish(meeting=meeting, user=clerk, today=datetime.date(2030, 11, 1))

    first = _text(pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC))
    assert "CSE action plan" in first and "Establish communication channels" in first
    assert "Green" in first  # RAG by word, not only colour

    action_services.action_progress_add(action=mine, user=officer, text="LATER-UPDATE-7731", rag="red",
                                        reason="Slipped")
    second = _text(pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS))
    assert "LATER-UPDATE-7731" not in second  # the published paper is the snapshot


def test_performance_paper_suppresses_small_numbers_in_the_public_pack(board, clerk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    indicator = IndicatorFactory(title="Children in care who offended", boards=[board])
    IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2030, 4, 1),
                          numerator=Decimal(3), denominator=Decimal(977))
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18),
                             agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc))
    item = AgendaItemFactory(meeting=meeting, position=1, title="Quarter 1 & 2 Performance")
    for public in (True, False):
        performance_services.performance_snapshot_create(
            board=board, user=clerk, public=public, indicators=[indicator], as_of=datetime.date(2030, 11, 1),
            agenda_item=item)

    public_text = _text(pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC))
    members_text = _text(pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS))
    assert "Children in care who offended" in public_text
    assert "0.3%" not in public_text and "977" in public_text
    assert "0.3%" in members_text
