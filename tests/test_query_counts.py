"""Board, meeting and agenda pages run a fixed number of queries however many meetings there are."""
import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Meeting, Report

from tests.factories import ReportFactory

MAX_QUERIES = 15  # fixed per page: the clerk's pack panel also lists untagged PDF appendices (one query) and earlier pack versions (one query for all packs); the menu asks once (one UNION) which "My …" lists the user has records in


def _fill(board, meetings, author):
    start = datetime.date(2000, 1, 3)
    rows = Meeting.objects.bulk_create([
        Meeting(board=board, date=start + datetime.timedelta(days=7 * i), start_time=datetime.time(14),
                venue="Loxley House", agenda_published_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc))
        for i in range(meetings)
    ])
    latest = rows[-1]
    items = AgendaItem.objects.bulk_create([
        AgendaItem(meeting=latest, position=i + 1, title=f"Item {i}", paper_status="attached",
                   is_exempt=i == 3, exempt_paragraph=3 if i == 3 else None)
        for i in range(12)
    ])
    Report.objects.bulk_create([
        Report(board=board, agenda_item=item, author=author, title=f"Report {n}", status=Report.Status.PUBLISHED)
        for item in items for n in range(2)
    ])
    return latest


@pytest.mark.parametrize("meetings", [5, 500])
@pytest.mark.parametrize("who", ["anonymous", "member", "clerk"])
def test_pages_run_a_fixed_number_of_queries(client, board, member, clerk, officer, meetings, who,
                                             django_assert_max_num_queries):
    latest = _fill(board, meetings, officer)
    if who != "anonymous":
        client.force_login({"member": member, "clerk": clerk}[who])
    for url in (reverse("board_detail", args=[board.slug]), reverse("meetings:detail", args=[latest.pk]),
                reverse("meetings:frontsheet", args=[latest.pk]), reverse("home")):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url)
        assert response.status_code == 200


def test_meeting_page_with_published_packs_runs_a_fixed_number_of_queries(client, board, clerk, member,
                                                                          django_assert_max_num_queries):
    from packs.services import pack_build

    from tests.packs.factories import pack_meeting

    meeting = pack_meeting(board)
    for variant in ("members", "public"):
        pack_build(meeting_id=meeting.pk, variant=variant)
    for user in (clerk, member, None):
        client.logout()
        if user:
            client.force_login(user)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(reverse("meetings:detail", args=[meeting.pk]))
        assert "Download the" in response.content.decode()
