"""OParl lists and objects as a client syncing them would use them: pages linked first/prev/next/
last, the created/modified filters kept on every page, conditional GET, CORS, errors, and deleted
objects answering `deleted: true`."""
import datetime

import pytest
import time_machine
from django.utils import timezone
from django.utils.text import slugify

from meetings import services
from meetings.models import Meeting, Report

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.packs.factories import add_appendix, appendix_pdf, report_for
from tests.oparl.oparl_crawl import API, schema_errors

UTC = datetime.timezone.utc


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=UTC)


@pytest.fixture
def meetings(board):
    """Five published meetings, created a month apart in 2026."""
    made = []
    for n in range(5):
        with time_machine.travel(_at(2026, n + 1, 1), tick=False):
            made.append(MeetingFactory(board=board, date=datetime.date(2030, n + 1, 10),
                                       agenda_published_at=timezone.now(), status=Meeting.Status.AGENDA_PUBLISHED))
    return made


def _list_url(board, name="meeting"):
    return f"{API}body/{slugify(board.council_name)}/{name}/"


def _ids(page):
    return [o["id"] for o in page["data"]]


def test_a_list_comes_in_pages_linked_first_prev_next_last(meetings, board, client):
    url = _list_url(board) + "?elementsPerPage=2"
    first = client.get(url).json()
    assert first["pagination"] == {"totalElements": 5, "elementsPerPage": 2, "currentPage": 1, "totalPages": 3}
    assert first["links"]["first"] == url and "prev" not in first["links"]
    assert first["links"]["last"] == url + "&page=3"
    pages, link = [first], first["links"]["next"]
    while link:
        page = client.get(link).json()
        pages.append(page)
        link = page["links"].get("next")
    assert len(pages) == 3
    assert pages[1]["links"]["prev"] == url and pages[1]["links"]["next"] == url + "&page=3"
    assert "next" not in pages[2]["links"] and len(pages[2]["data"]) == 1
    seen = [i for p in pages for i in _ids(p)]
    assert seen == [f"{API}meeting/{m.pk}/" for m in sorted(meetings, key=lambda m: m.pk)]  # stable, each once
    assert all(not schema_errors(o) for p in pages for o in p["data"])


def test_a_page_past_the_last_is_not_found(meetings, board, client):
    response = client.get(_list_url(board) + "?elementsPerPage=2&page=4")
    assert response.status_code == 404
    assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"


def test_created_since_and_until_pick_the_meetings_made_between(meetings, board, client):
    since, until = "2026-02-15T00:00:00+00:00", "2026-04-15T00:00:00+00:00"
    page = client.get(_list_url(board), {"created_since": since, "created_until": until}).json()
    assert _ids(page) == [f"{API}meeting/{m.pk}/" for m in meetings[2:4]]
    assert all(since <= o["created"] <= until for o in page["data"])
    # The filters stay on every page, in one canonical order.
    paged = client.get(_list_url(board), {"elementsPerPage": "1", "created_until": until,
                                         "created_since": since}).json()
    assert paged["links"]["next"] == (_list_url(board) + "?created_since=2026-02-15T00%3A00%3A00%2B00%3A00"
                                      "&created_until=2026-04-15T00%3A00%3A00%2B00%3A00&elementsPerPage=1&page=2")
    assert paged["pagination"]["totalElements"] == 2


def test_modified_since_finds_a_meeting_changed_later(meetings, board, clerk, client):
    with time_machine.travel(_at(2026, 9, 1), tick=False):
        AgendaItemFactory(meeting=meetings[0], position=1, title="Added in September")
    page = client.get(_list_url(board), {"modified_since": "2026-08-01T00:00:00+01:00"}).json()
    assert _ids(page) == [f"{API}meeting/{meetings[0].pk}/"]
    assert page["data"][0]["modified"].startswith("2026-09-01")
    assert page["data"][0]["created"].startswith("2026-01-01")
    nothing = client.get(_list_url(board), {"modified_until": "2025-12-31T23:59:59+00:00"}).json()
    assert nothing["data"] == [] and nothing["pagination"]["totalElements"] == 0


@pytest.mark.parametrize("value", ["2026-01-01", "yesterday", "2026-01-01T00:00:00"])
def test_a_date_filter_without_a_full_date_time_is_refused(meetings, board, client, value):
    response = client.get(_list_url(board), {"created_since": value})
    assert response.status_code == 400
    assert response.json()["type"] == "https://schema.oparl.org/1.1/Error"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unchanged_object_answers_not_modified(meetings, client):
    url = f"{API}meeting/{meetings[0].pk}/"
    response = client.get(url)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    AgendaItemFactory(meeting=meetings[0], position=1, title="A new item")
    changed = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != response["ETag"]


@pytest.fixture
def published_report(board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(board=board, agenda_published_at=timezone.now(), status=Meeting.Status.AGENDA_PUBLISHED)
    item = AgendaItemFactory(meeting=meeting, position=1, title="Fostering update")
    report = report_for(item, "Fostering update", paragraphs=1)
    add_appendix(report, "Placements", appendix_pdf("Placements table"))
    return report


def test_a_report_taken_back_is_a_deleted_paper(published_report, clerk, client):
    url = f"{API}paper/{published_report.pk}/"
    before = client.get(url).json()
    assert "deleted" not in before and before["auxiliaryFile"]
    appendix_url = before["auxiliaryFile"][0]["id"]
    services.report_withdraw(report=published_report, user=clerk, reason="Names a child")
    after = client.get(url)
    assert after.status_code == 200
    body = after.json()
    assert body["deleted"] is True and body["id"] == url and body["created"] == before["created"]
    assert body["modified"] >= before["modified"] and "name" not in body
    assert not schema_errors(body)
    # Its appendix goes with it, as a deleted file; its address no longer serves the file.
    appendix = client.get(appendix_url).json()
    assert appendix["deleted"] is True and not schema_errors(appendix)
    assert client.get(appendix_url + "download/").status_code == 410
    assert client.get(appendix["accessUrl"]).status_code == 410
    published_report.refresh_from_db()
    assert published_report.status == Report.Status.DRAFT


def test_a_file_is_opened_inline_or_saved_and_is_not_fetched_twice(published_report, client):
    paper = client.get(f"{API}paper/{published_report.pk}/").json()
    entry = paper["auxiliaryFile"][0]
    assert entry["mimeType"] == "application/pdf" and entry["size"] > 0 and len(entry["sha1Checksum"]) == 40
    download = client.get(entry["downloadUrl"])
    data = b"".join(download.streaming_content)
    assert download["Content-Disposition"].startswith("attachment") and data.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha1(data).hexdigest() == entry["sha1Checksum"] and len(data) == entry["size"]
    access = client.get(entry["accessUrl"])
    assert access["Content-Disposition"].startswith("inline")
    assert client.get(entry["accessUrl"], HTTP_IF_NONE_MATCH=access["ETag"]).status_code == 304


def test_a_client_asking_what_changed_learns_of_a_deleted_paper(published_report, board, clerk, client):
    since = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=1)
    services.report_withdraw(report=published_report, user=clerk, reason="Names a child")
    url = _list_url(board, "paper")
    assert client.get(url).json()["data"] == []  # a plain list shows what is public
    changed = client.get(url, {"modified_since": since.isoformat()}).json()
    assert changed["data"] == [client.get(f"{API}paper/{published_report.pk}/").json()]
    assert changed["data"][0]["deleted"] is True and not schema_errors(changed["data"][0])


def test_a_script_on_another_site_may_ask_conditionally_but_never_write(meetings, client):
    url = f"{API}meeting/{meetings[0].pk}/"
    preflight = client.options(url, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                               HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"] and "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_a_client_asking_what_changed_learns_of_a_removed_appendix(published_report, board, clerk, client):
    since = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=1)
    services.report_withdraw(report=published_report, user=clerk, reason="Names a child")
    changed = client.get(_list_url(board, "file"), {"modified_since": since.isoformat()}).json()
    appendices = [o for o in changed["data"] if "/file/appendix-" in o["id"]]
    assert len(appendices) == 1 and appendices[0]["deleted"] is True and not schema_errors(appendices[0])
    assert client.get(appendices[0]["accessUrl"]).status_code == 410
    assert all(not schema_errors(o) for o in changed["data"])
