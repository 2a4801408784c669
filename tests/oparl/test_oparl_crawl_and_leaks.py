"""The OParl API read as a crawler would, from the System object: every object it serves passes
its OParl 1.1 JSON Schema (embedded objects too), and nothing the public may not read is in it.

The world is the leak suite's (markers in exempt reports and their PDF, Word and Excel
appendices, exempt items, draft minutes, an unpublished meeting, minutes of a meeting not yet
held, an item made exempt after publication, an exempt late paper) plus a submitted and an
approved report not yet published, with an appendix, and a meeting whose minutes are published.
Every JSON answer and every file behind every accessUrl and downloadUrl is searched.
"""
import datetime
import json

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, Report
from minutes import services as minutes_svc
from minutes.models import Attendance

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.packs.factories import add_appendix, appendix_pdf, report_for
from tests.oparl.oparl_crawl import API, crawl, schema_errors, type_name
from tests.test_leaks_public_outputs import MARKERS, PUBLIC_CONTROL, STANDARD, SUPPRESSED_FIGURES, TODAY, _items, body_text
from tests.test_leaks_public_outputs import world  # noqa: F401  (the leak suite's world, as a fixture)

API_MARKERS = {**MARKERS, "LKXUNAPPROVED": "a submitted report not yet approved",
               "LKXUNAPPRAPPX": "the appendix of a submitted report", "LKXAPPROVEDNOTPUB": "an approved, unpublished report"}
MINUTES_CONTROL = "LKXPUBMINOK"  # in published minutes: must be found, so the files were really read


@pytest.fixture
def api_world(world, board, clerk):  # noqa: F811
    meeting = world["meeting"]
    pending = AgendaItemFactory(meeting=meeting, position=9, title="Care leavers' housing", paper_status="to_follow")
    submitted = report_for(pending, "Housing LKXUNAPPROVED", marker="LKXUNAPPROVED", paragraphs=1,
                           status=Report.Status.SUBMITTED)
    add_appendix(submitted, "Rents LKXUNAPPRAPPX", appendix_pdf("LKXUNAPPRAPPX"))
    report_for(pending, "Approved LKXAPPROVEDNOTPUB", marker="LKXAPPROVEDNOTPUB", paragraphs=1,
               status=Report.Status.APPROVED)

    earlier = MeetingFactory(board=board, date=TODAY - 100 * datetime.timedelta(days=1),
                             agenda_published_at=timezone.now(), status=Meeting.Status.AGENDA_PUBLISHED)
    _items(earlier, STANDARD + [(AgendaItem.Kind.BUSINESS, "Virtual school")])
    minutes_svc.minutes_draft(meeting=earlier, user=clerk, first_number=50)
    minute = earlier.minutes.filter(kind="business").first() or earlier.minutes.first()
    minutes_svc.point_add(minute=minute, user=clerk, text=f"{MINUTES_CONTROL} was reported.")
    minutes_svc.resolution_add(minute=minute, user=clerk, text="to note the virtual school's LKXRESOLVEDOK report.")
    minutes_svc.attendance_prefill(meeting=earlier, user=clerk)
    held = world["meetings"][0]  # its minutes are a draft
    Attendance.objects.filter(meeting__in=[earlier, held]).update(status=Attendance.Status.PRESENT)
    minutes_svc.minutes_publish(meeting=earlier, user=clerk)
    world["earlier"] = earlier
    return world


def _texts(responses) -> dict:
    """{url: text} of every answer (a file's body is read once: it is a stream)."""
    texts = {}
    for url, response in responses.items():
        if response.get("Content-Type", "").startswith("application/json"):
            texts[url] = json.dumps(response.json(), ensure_ascii=False)
        else:
            texts[url] = body_text(response)
    return texts


def test_every_object_served_passes_its_oparl_schema(api_world, client):
    responses, objects = crawl(client)
    failures = {}
    for obj in objects:
        errors = schema_errors(obj)
        if errors:
            failures[obj.get("id")] = errors
    assert not failures, "Objects breaking their OParl schema:\n" + json.dumps(failures, indent=1)[:4000]
    seen = {type_name(o) for o in objects}
    assert seen == {"System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
                    "Consultation", "File", "Location", "LegislativeTerm"}
    # The crawl walked every list to its last page and fetched every file it was offered.
    files = [o for o in objects if type_name(o) == "File"]
    assert files and all(o["accessUrl"] in responses and o["downloadUrl"] in responses for o in files)
    assert all(responses[o["accessUrl"]].status_code == 200 for o in files)
    assert all(responses[o["downloadUrl"]]["Content-Disposition"].startswith("attachment") for o in files)
    assert all(not responses[o["accessUrl"]]["Content-Disposition"].startswith("attachment")
               for o in files if responses[o["accessUrl"]].has_header("Content-Disposition"))
    # Every paper's mainFile is the report itself: its page, as the public reads it, under its title.
    papers = [o for o in objects if type_name(o) == "Paper"]
    assert papers and all(p["mainFile"]["mimeType"] == "text/html" for p in papers)
    for p in papers:
        assert p["name"] in body_text(responses[p["mainFile"]["accessUrl"]])
        assert p["id"] in p["mainFile"]["paper"]
    # The public pack printed before an item was made exempt was withdrawn: a client asking what
    # changed learns it is gone, and its address answers 410.
    file_list = next(o for o in objects if type_name(o) == "Body")["file"]
    changed = client.get(file_list, {"modified_since": "2000-01-01T00:00:00+00:00"}).json()["data"]
    withdrawn = [o for o in changed if o.get("deleted") and "/file/pack-" in o["id"]]
    assert withdrawn and all(not schema_errors(o) for o in changed)
    assert all(client.get(o["accessUrl"]).status_code == 410 for o in withdrawn)
    # Every JSON answer may be read by a web page on another site.
    assert all(r["Access-Control-Allow-Origin"] == "*" for r in responses.values()
               if r.get("Content-Type", "").startswith("application/json"))


def test_no_marker_reaches_the_api_or_its_files(api_world, client):
    responses, objects = crawl(client)
    found = {}
    texts = _texts(responses)
    for url, text in texts.items():
        upper = text.upper()
        for marker, what in API_MARKERS.items():
            if marker in upper:
                found.setdefault(f"{marker} ({what})", []).append(url)
        if not url.endswith(("/access/", "/download/")):  # the JSON: no indicator figure, least of all a small one
            for figure in SUPPRESSED_FIGURES:
                if figure in text:
                    found.setdefault(f"{figure} (a small-number figure)", []).append(url)
    assert not found, "Leaked through the API:\n" + "\n".join(f"{m}: {urls}" for m, urls in found.items())

    # The crawl read what it fetched: the public report's pack and the published minutes are there.
    assert any(PUBLIC_CONTROL in t for u, t in texts.items() if "/file/pack-" in u)
    assert any(MINUTES_CONTROL in t for u, t in texts.items() if "/file/minutes-" in u)
    # The unpublished meeting is nowhere; its id answers 404 like any unknown address.
    hidden = api_world["hidden"]
    assert f"{API}meeting/{hidden.pk}/" not in responses
    assert client.get(f"{API}meeting/{hidden.pk}/").status_code == 404
    # Exempt items are there as OParl's non-public items: number and title, no papers, no files.
    items = [o for o in objects if type_name(o) == "AgendaItem" and o["public"] is False]
    assert {o["name"] for o in items} == {"A child's placement", "Residential care review"}
    assert all("consultation" not in o and "auxiliaryFile" not in o and "resolutionFile" not in o for o in items)
    # An open item whose only paper is exempt: listed, with no paper.
    contract = next(o for o in objects if type_name(o) == "AgendaItem" and o["name"] == "Contract award")
    assert contract["public"] is True and "consultation" not in contract


def test_signed_in_members_get_the_same_public_api(api_world, client, member):
    anonymous = client.get(f"{API}meeting/{api_world['meeting'].pk}/").json()
    client.force_login(member)
    responses, _ = crawl(client)
    for url, text in _texts(responses).items():
        for marker in API_MARKERS:
            assert marker not in text.upper(), f"{marker} reached a member through the API at {url}"
    assert client.get(f"{API}meeting/{api_world['meeting'].pk}/").json() == anonymous


def test_who_was_present_is_told_only_once_the_minutes_are_published(api_world, client, member):
    earlier = client.get(f"{API}meeting/{api_world['earlier'].pk}/").json()
    assert f"{API}person/{member.person.pk}/" in earlier["participant"]
    # The last meeting held has draft minutes, everyone pre-filled as present: nobody is named.
    assert Attendance.objects.filter(meeting=api_world["meetings"][0], status="present").exists()
    held = client.get(f"{API}meeting/{api_world['meetings'][0].pk}/").json()
    assert "participant" not in held and "resultsProtocol" not in held


def test_what_was_resolved_on_an_item_is_told_once_the_minutes_are_published(api_world, client):
    earlier = client.get(f"{API}meeting/{api_world['earlier'].pk}/").json()
    resolved = [i for i in earlier["agendaItem"] if "resolutionText" in i]
    assert [i["name"] for i in resolved] == ["Virtual school"]
    assert resolved[0]["resolutionText"] == "RESOLVED to note the virtual school's LKXRESOLVEDOK report."
    item = client.get(resolved[0]["id"]).json()
    assert item["resolutionText"] == resolved[0]["resolutionText"]
    # The draft minutes' resolution on the last meeting held is not there (nor any of their words).
    held = client.get(f"{API}meeting/{api_world['meetings'][0].pk}/").json()
    assert all("resolutionText" not in i for i in held["agendaItem"])
