"""Search cases that must hold on both databases (PostgreSQL full-text and SQLite FTS5).

Collected by tests/test_search_ranking.py on the suite's database, and run again on SQLite by
tests/test_search_sqlite.py in a subprocess with DATABASE_URL unset.
"""
import datetime
import os

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from meetings.models import ExemptParagraph, Meeting, Report
from search.models import Kind
from search.selectors import Filters, search
from search.services import document_text_extract

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.packs.factories import add_appendix, appendix_docx, appendix_pdf, report_for


def _published_meeting(board, date=datetime.date(2030, 11, 18)):
    return MeetingFactory(board=board, date=date, agenda_published_at=timezone.now(),
                          status=Meeting.Status.AGENDA_PUBLISHED)


def _found(user, phrase, **filters):
    return list(search(user, phrase, Filters(**filters)))


@pytest.fixture
def papers(board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = _published_meeting(board)
    titled = AgendaItemFactory(meeting=meeting, position=4, title="Kinship care", presenter="")
    report_for(titled, "Kinship carers' allowances", paragraphs=1)
    other = AgendaItemFactory(meeting=meeting, position=5, title="Placements", presenter="")
    report_for(other, "Placement sufficiency", paragraphs=1,
               financial="<p>One family offers kinship care to <b>two</b> brothers.</p>")
    return meeting


def test_runs_on_the_expected_database(db):
    assert connection.vendor == os.environ.get("QUORUM_EXPECT_DB_VENDOR", connection.vendor)


def test_a_title_match_ranks_above_a_match_in_the_body(papers):
    reports = _found(AnonymousUser(), "kinship", kind=Kind.REPORT)
    assert [r.label for r in reports][:2] == ["Kinship carers' allowances", "Placement sufficiency, paragraph 4.1"]
    assert reports[0].rank > reports[1].rank


def test_snippet_marks_the_matched_words_and_links_to_the_paragraph(papers, client):
    response = client.get(reverse("search:search"), {"q": "brothers kinship", "kind": "report"})
    page = response.content.decode()
    assert "<mark>kinship</mark>" in page and "<mark>brothers</mark>" in page
    assert f'href="{Report.objects.get(title="Placement sufficiency").get_absolute_url()}#para-4-1"' in page
    report = client.get(Report.objects.get(title="Placement sufficiency").get_absolute_url()).content.decode()
    assert 'id="para-4-1"' in report


def test_filters_by_board_year_and_kind(papers, board, other_board):
    _published_meeting(other_board, datetime.date(2029, 3, 4))
    AgendaItemFactory(meeting=Meeting.objects.get(board=other_board), position=4, title="Kinship in health")
    assert {r.board_id for r in _found(AnonymousUser(), "kinship")} == {board.pk, other_board.pk}
    assert {r.board_id for r in _found(AnonymousUser(), "kinship", board_id=other_board.pk)} == {other_board.pk}
    assert {r.year for r in _found(AnonymousUser(), "kinship", year=2029)} == {2029}
    assert {r.kind for r in _found(AnonymousUser(), "kinship", kind=Kind.AGENDA)} == {Kind.AGENDA}


def test_exempt_papers_and_their_appendices_are_found_only_by_the_boards_members(
        papers, member, other_member, public_user, client):
    item = AgendaItemFactory(meeting=papers, position=6, title="Contract award", presenter="")
    exempt = report_for(item, "Award", marker="ZQSECRETBODY", paragraphs=1, is_exempt=True,
                        exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Prices.")
    for data, kind in ((appendix_pdf("ZQSECRETPDF"), "pdf"), (appendix_docx("ZQSECRETDOCX"), "docx")):
        attachment = add_appendix(exempt, "Prices", data, kind=kind)
        document_text_extract(kind="attachment", pk=attachment.pk)
    for marker in ("ZQSECRETBODY", "ZQSECRETPDF", "ZQSECRETDOCX"):
        assert _found(member, marker), marker
        for reader in (AnonymousUser(), other_member, public_user):
            assert not _found(reader, marker), (marker, reader)
        page = client.get(reverse("search:search"), {"q": marker}).content.decode()
        assert "0 results for" in page and "<mark>" not in page
    kinds = {r.kind for r in _found(member, "ZQSECRETPDF")}
    assert kinds == {Kind.APPENDIX}


def test_an_unpublished_meetings_items_are_found_only_by_its_board(board, member, other_member):
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 12, 2))
    AgendaItemFactory(meeting=meeting, position=4, title="ZQUNPUBLISHED review")
    assert not _found(AnonymousUser(), "ZQUNPUBLISHED")
    assert not _found(other_member, "ZQUNPUBLISHED")
    assert _found(member, "ZQUNPUBLISHED")
    meeting.agenda_published_at = timezone.now()
    meeting.save()
    assert _found(AnonymousUser(), "ZQUNPUBLISHED")


def test_a_withdrawn_report_leaves_the_public_results(papers, clerk):
    from meetings import services

    report = Report.objects.get(title="Kinship carers' allowances")
    assert any(r.label == report.title for r in _found(AnonymousUser(), "allowances"))
    services.report_withdraw(report=report, user=clerk, reason="Figures wrong.")
    assert not _found(AnonymousUser(), "allowances")


def test_snippets_escape_what_the_text_holds(board):
    meeting = _published_meeting(board)
    AgendaItemFactory(meeting=meeting, position=4, title="Scripts",
                      description="<script>alert(1)</script> zqescaped words")
    from search.selectors import search_page

    page = search_page(AnonymousUser(), "zqescaped", Filters(), 1)
    html = str(page.object_list[0].snippet_html)
    # PostgreSQL's headline drops the tags, SQLite's snippet keeps them as text: escaped either way.
    assert "<script>" not in html and "<mark>zqescaped</mark>" in html


def test_past_the_cap_a_results_page_says_more_than_and_pages_stay_in_rank_order(board, client, monkeypatch):
    """A common word in ten years of papers is not counted to the last match: the heading says
    "More than 1,000 results", and the pages still follow the ranking, twenty at a time."""
    from search import selectors

    meeting = _published_meeting(board)
    for n in range(1, 8):
        AgendaItemFactory(meeting=meeting, position=n, title=f"Zqcommon item {n}",
                          description="zqcommon " * n)  # more mentions rank higher
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    everything = [r.pk for r in selectors.search(AnonymousUser(), "zqcommon", Filters())]
    pages = [selectors.search_page(AnonymousUser(), "zqcommon", Filters(), n) for n in (1, 2, 3)]
    assert pages[0].paginator.capped and pages[0].paginator.count == 5
    assert [r.pk for p in pages for r in p.object_list] == everything[:5]
    html = client.get("/search/", {"q": "zqcommon"}).content.decode()
    assert "More than 5 results for “zqcommon”" in html
