"""Every OParl list page costs the same number of queries however many objects it holds: no
query per meeting, item, report, appendix, person or membership."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Membership
from meetings.models import Meeting

from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory
from tests.packs.factories import add_appendix, report_for

LISTS = ["organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file",
         "location", "legislativeTerm"]


def _add_meetings(board, count, start):
    for n in range(count):
        meeting = MeetingFactory(board=board, date=f"{2030 + start + n}-06-10", venue=f"Room {start + n}",
                                 agenda_published_at=timezone.now(), status=Meeting.Status.AGENDA_PUBLISHED)
        for position in (1, 2, 3):
            item = AgendaItemFactory(meeting=meeting, position=position, title=f"Item {position}",
                                     is_exempt=position == 3, exempt_paragraph=1 if position == 3 else None)
            report = report_for(item, f"Report {position}", paragraphs=1)
            add_appendix(report, "Table", b"%PDF-1.4\n%%EOF\n")
        Membership.objects.create(board=board, person=PersonFactory(), role=Membership.Role.MEMBER)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_page_costs_the_same_queries_for_few_objects_and_many(name, board, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = f"/oparl/v1.1/body/{slugify(board.council_name)}/{name}/"
    _add_meetings(board, 2, 0)
    few = _queries(client, url)
    _add_meetings(board, 6, 2)
    many = _queries(client, url)
    assert many == few, f"{name}: {few} queries for 2 meetings, {many} for 8"
