"""A History page reads as a clerk would write it: people and records by name, choices by label,
rich text as the words added and removed, whole values, each action once, and a meeting's
history carries its agenda items and packs."""
import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from boards.models import StrategicPriority
from meetings import services
from meetings.models import AgendaItem
from packs.models import Pack, PackVersion

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory

LONDON = datetime.timezone(datetime.timedelta(0))
LONG_SUMMARY = ("The board asked the Youth Offending Team to set out how first-time entrants to the youth justice "
                "system fell in 2012/13, what the restorative justice pilot cost, and which partners fund the "
                "triage scheme from April 2014, ending with the words THE VERY LAST WORDS.")


def at(hour, minute=0):
    return time_machine.travel(datetime.datetime(2026, 11, 23, hour, minute, tzinfo=LONDON), tick=False)


def main_table(html: str) -> str:
    return html[html.index("<table"):html.index("</table>")]


def rows_of(table_html: str) -> list[str]:
    body = table_html[table_html.index("<tbody>"):]
    return [" ".join(strip_tags(r).split()) for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.fixture
def edited_report(board, clerk, officer):
    meeting = MeetingFactory(board=board)
    item = AgendaItemFactory(meeting=meeting, position=5, title="Reducing Offending Behaviour")
    safer = StrategicPriority.objects.get(board=board, name="Safer Nottingham")
    with at(9):
        report = services.report_create(board=board, author=officer, title="Reducing Offending Behaviour",
                                        summary="Short.", background="<p>First paragraph.</p><p>Second paragraph.</p>")
    with at(10, 30):
        # One press of Save: the fields, then the strategic priorities (simple-history records those apart).
        services.report_update(report=report, version=report.version, user=clerk, priorities=[safer],
                               agenda_item=item, status="submitted", summary=LONG_SUMMARY,
                               background="<p>First paragraph.</p><p>Second paragraph, now with <strong>new</strong> words.</p>")
    return report, item


def test_report_history_names_people_and_records_and_shows_choice_labels(client, clerk, edited_report):
    report, item = edited_report
    client.force_login(clerk)
    html = client.get(reverse("meetings:report_history", args=[report.pk])).content.decode()
    text = " ".join(unescape(strip_tags(main_table(html))).split())  # "O’Sullivan" arrives as O&#x27;Sullivan
    assert "23 November 2026 at 10.30am" in text
    assert clerk.get_full_name() in text
    assert f"Agenda item: “Not set” → “{item}”" in text
    assert "Status: “Draft” → “Submitted”" in text
    assert "Strategic priorities: “Not set” → “Safer Nottingham”" in text
    assert "{'report'" not in text and "strategicpriority" not in text
    assert "Version" not in text


def test_rich_text_shows_the_words_added_and_long_values_are_whole(client, clerk, edited_report):
    report, _ = edited_report
    client.force_login(clerk)
    html = main_table(client.get(reverse("meetings:report_history", args=[report.pk])).content.decode())
    assert "&lt;p&gt;" not in html and "&lt;strong&gt;" not in html
    assert re.search(r"<ins>.*now with new words\..*</ins>", html), html
    assert "THE VERY LAST WORDS." in html


def test_one_save_is_one_event(client, clerk, edited_report):
    report, _ = edited_report
    client.force_login(clerk)
    rows = rows_of(main_table(client.get(reverse("meetings:report_history", args=[report.pk])).content.decode()))
    assert len(rows) == 2, rows
    assert "Changed" in rows[0] and "Created" in rows[1]


def test_a_meetings_history_includes_its_items_and_packs(client, board, clerk):
    with at(9):
        meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                          venue="Loxley House", user=clerk)
    with at(10):
        item = services.agenda_item_create(meeting=meeting, user=clerk, title="Fostering Service Annual Report",
                                           presenter="Report of Director of Children's Social Care")
    with at(11):
        services.agenda_item_update(item=item, version=item.version, user=clerk, title="Fostering Annual Report")
    with at(12):
        gone = services.agenda_item_create(meeting=meeting, user=clerk, title="Placement Stability", presenter="")
    with at(12, 30):
        services.agenda_item_delete(item=AgendaItem.objects.get(pk=gone.pk), user=clerk)
    with at(13):
        pack = Pack.objects.create(meeting=meeting, variant=Pack.Variant.MEMBERS)
        PackVersion.objects.create(pack=pack, number=1, created_by=clerk, file="packs/x.pdf", sha256="0" * 64,
                                   page_count=44, sources_digest="0" * 64)
    client.force_login(clerk)
    html = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    text = " ".join(strip_tags(html).split())
    assert "Agenda item" in text and "Agenda pack" in text
    assert "Title: “Fostering Service Annual Report” → “Fostering Annual Report”" in text
    assert re.search(r"23 November 2026 at 12\.30pm .* Placement Stability Removed", text), text
    assert re.search(r"23 November 2026 at 1\.00pm .* Members&#x27; pack, version 1 Published Version 1, 44 pages", text)


@pytest.mark.parametrize("items", [2, 20])
def test_a_meetings_history_runs_a_fixed_number_of_queries_however_many_items(
        client, board, clerk, items, django_assert_max_num_queries):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="Loxley House", user=clerk)
    for i in range(items):
        item = services.agenda_item_create(meeting=meeting, user=clerk, title=f"Report {i}", presenter="")
        services.agenda_item_update(item=item, version=item.version, user=clerk, title=f"Annual report {i}")
    client.force_login(clerk)
    # The timeline reads items, reports, appendices, packs, attendance, declarations and minutes:
    # one query for each kind of record and its names, never one per record.
    with django_assert_max_num_queries(18):
        html = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    text = " ".join(strip_tags(html).split())
    assert text.count("Title: “Report ") == items
    assert "Annual report 19" in text or items < 20


def test_a_meetings_history_is_one_timeline_of_its_items_reports_packs_and_minutes(client, board, clerk, officer):
    from minutes import services as minutes

    with at(9):
        meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                          venue="Loxley House", user=clerk)
    with at(10):
        item = services.agenda_item_create(meeting=meeting, user=clerk, title="Fostering Service Annual Report",
                                           presenter="Report of Director of Children's Social Care")
    with at(11):
        report = services.report_create(board=board, author=officer, agenda_item=item, title="Fostering annual report")
    with at(11, 30):
        services.report_update(report=report, version=report.version, user=officer, title="Fostering report 2030")
    with at(13):
        pack = Pack.objects.create(meeting=meeting, variant=Pack.Variant.MEMBERS)
        PackVersion.objects.create(pack=pack, number=1, created_by=clerk, file="packs/x.pdf", sha256="0" * 64,
                                   page_count=44, sources_digest="0" * 64)
    with at(15):
        minutes.minutes_draft(meeting=meeting, user=clerk)
    with at(15, 30):
        minute = meeting.minutes.get(agenda_item=item)
        minutes.point_add(minute=minute, user=clerk, text="The board welcomed the 2030 figures.")
    client.force_login(clerk)
    html = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert html.count("<table") == 1  # one timeline, not a table per kind of record
    text = " ".join(strip_tags(html).split())
    order = [
        "3.30pm", "Minute point", "The board welcomed the 2030 figures",
        "3.00pm", "Minute",
        "1.00pm", "Agenda pack", "Members&#x27; pack, version 1 Published",
        "11.30am", "Report", "Title of paper: “Fostering annual report” → “Fostering report 2030”",
        "11.00am", "Report",
        "10.00am", "Agenda item", "Fostering Service Annual Report Created",
        "9.00am", "Meeting",
    ]
    position = 0
    for part in order:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order in: {text[position:position + 400]}"
        position = found + 1
