"""A supplementary pack: the papers that were "To follow" when the pack was published, and only them.

Item 6 of the standard pack meeting is "To follow". Its papers arrive after the main pack is
published: an open report with a PDF appendix and an exempt report. The supplementary pack (members'
and public) has its own front sheet, contents and footer and holds only those papers; the public one
has a placeholder page instead of the exempt report. The clerk is offered "Publish supplementary
pack" on the meeting page's status line only once such a paper exists.
"""
import json

import pytest
from django.urls import reverse

from meetings.models import ExemptParagraph, Report
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import (
    add_appendix, appendix_pdf, outline_titles, pack_meeting, page_texts, pdf_bytes, qpdf_check, report_for,
)

LATE = "ZQXLATEPAPER"  # the open paper that arrived after publication
LATE_APPENDIX = "ZQXLATEAPPENDIX"
LATE_EXEMPT = "ZQXLATEEXEMPT"  # the exempt paper that arrived after publication
NOT_TO_FOLLOW = "ZQXNOTTOFOLLOW"  # a paper added later to an item that was not "To follow"
MAIN_PACK_TEXT = ("MINUTESTEXT", "RISETEXT", "OFFENDINGTEXT", "OFFENDINGAPPENDIX", "A G E N D A")
SUPPLEMENTARY = Pack.Kind.SUPPLEMENTARY
BUTTON = "Publish supplementary pack"


def _publish_main(meeting):
    for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
        assert pack_build(meeting_id=meeting.pk, variant=variant) is not None


def _late_papers_arrive(meeting):
    item = meeting.items.get(position=6)
    assert item.paper_status == "to_follow"
    report = report_for(item, "Quarter 1 & 2 Performance", marker=LATE)
    add_appendix(report, "Performance scorecard", appendix_pdf(LATE_APPENDIX))
    report_for(item, f"Placement costs {LATE_EXEMPT}", marker=LATE_EXEMPT, is_exempt=True,
               exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Provider prices.")
    # A paper added to an item that was not "To follow" belongs in a republished main pack, not here.
    report_for(meeting.items.get(position=5), "Offending: late addendum", marker=NOT_TO_FOLLOW)
    return item


@pytest.fixture
def meeting(board, clerk):
    meeting = pack_meeting(board)
    _publish_main(meeting)
    _late_papers_arrive(meeting)
    return meeting


def _build(meeting, variant):
    version = pack_build(meeting_id=meeting.pk, variant=variant, kind=SUPPLEMENTARY)
    assert version is not None, Pack.objects.get(meeting=meeting, variant=variant, kind=SUPPLEMENTARY).error
    return version, pdf_bytes(version)


def _footer(meeting):
    return "Corporate Parenting Board – Monday 18 November 2030 – supplementary"


def test_members_supplementary_pack_holds_only_the_late_papers_with_its_own_cover_contents_and_footer(meeting):
    version, data = _build(meeting, Pack.Variant.MEMBERS)
    texts = page_texts(data)
    whole = "\n".join(texts)
    assert version.page_count == len(texts)

    # Its own front sheet, naming only the item whose papers follow.
    assert "Supplementary agenda pack" in texts[0]
    assert "6 QUARTER 1 & 2 PERFORMANCE" in texts[0]
    assert "REDUCING OFFENDING BEHAVIOUR" not in texts[0]
    # Its own contents page, with the real start pages of only the late papers.
    assert texts[1].startswith("Contents")
    contents = " ".join(texts[1].split())
    report_page = next(i for i, t in enumerate(texts) if i > 1 and LATE in t) + 1
    appendix_page = next(i for i, t in enumerate(texts) if i > 1 and LATE_APPENDIX in t) + 1
    exempt_page = next(i for i, t in enumerate(texts) if i > 1 and LATE_EXEMPT in t) + 1
    assert 2 < report_page < appendix_page < exempt_page
    assert f"Quarter 1 & 2 Performance {report_page}" in contents
    assert f"Appendix A – Performance scorecard {appendix_page}" in contents
    assert f"Placement costs {LATE_EXEMPT} {exempt_page}" in contents
    assert [c["key"] for c in version.contents] == [f"item:{meeting.items.get(position=6).pk}"]
    # Its own footer on every page, counting its own pages.
    for n, text in enumerate(texts, start=1):
        assert f"{_footer(meeting)} Page {n} of {len(texts)}" in " ".join(text.split()), text[-200:]
    # Nothing of the main pack, nor a later paper of an item that was not "To follow".
    for needle in (*MAIN_PACK_TEXT, NOT_TO_FOLLOW, "Reducing Offending Behaviour", "Minutes of the meeting"):
        assert needle not in whole
    assert LATE in whole and LATE_APPENDIX in whole and LATE_EXEMPT in whole

    outline = outline_titles(data)
    top = [(title, page) for depth, title, page in outline if depth == 0]
    assert top == [("Agenda front sheet", 0), ("Contents", 1), ("6 Quarter 1 & 2 Performance", report_page - 1)]
    papers = [(title, page) for depth, title, page in outline if depth == 1]
    assert papers == [("Quarter 1 & 2 Performance", report_page - 1),
                      (f"Placement costs {LATE_EXEMPT}", exempt_page - 1)]
    assert ("Appendix A – Performance scorecard", appendix_page - 1) in [(t, p) for d, t, p in outline if d == 2]
    qpdf_check(data)


def test_public_supplementary_pack_has_the_open_late_paper_and_a_placeholder_for_the_exempt_one(meeting):
    version, data = _build(meeting, Pack.Variant.PUBLIC)
    assert LATE_EXEMPT.encode() not in data
    texts = page_texts(data)
    whole = "\n".join(texts)
    assert LATE_EXEMPT not in whole
    assert LATE_EXEMPT not in json.dumps(version.sources) + json.dumps(version.contents)
    assert "Supplementary agenda pack" in texts[0]
    assert texts[1].startswith("Contents")
    assert LATE in whole and LATE_APPENDIX in whole
    for needle in (*MAIN_PACK_TEXT, NOT_TO_FOLLOW):
        assert needle not in whole
    placeholder = [t for t in texts if "not for publication" in t]
    assert len(placeholder) == 1
    assert "Agenda item 6" in placeholder[0] and "paragraph 3" in placeholder[0]
    assert ExemptParagraph.FINANCIAL.label in " ".join(placeholder[0].split())
    for n, text in enumerate(texts, start=1):
        assert f"{_footer(meeting)} Page {n} of {len(texts)}" in " ".join(text.split())
    titles = [title for _, title, _ in outline_titles(data)]
    assert "Exempt information (paragraph 3)" in titles
    assert not any(LATE_EXEMPT in t for t in titles)
    qpdf_check(data)


def test_supplementary_pack_is_refused_while_no_to_follow_paper_has_arrived(board, clerk):
    meeting = pack_meeting(board)
    _publish_main(meeting)
    assert pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS, kind=SUPPLEMENTARY) is None
    pack = Pack.objects.get(meeting=meeting, variant=Pack.Variant.MEMBERS, kind=SUPPLEMENTARY)
    assert pack.state == Pack.State.FAILED and pack.current_version is None
    assert "no “To follow” papers have arrived" in pack.error


def _status(client, user, meeting):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(reverse("meetings:pack_status", args=[meeting.pk]) + "?staleness=1")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_status_line_offers_the_supplementary_pack_to_the_clerk_only_once_a_late_paper_exists(
        board, clerk, member, client, django_capture_on_commit_callbacks):
    meeting = pack_meeting(board)
    assert BUTTON not in _status(client, clerk, meeting)  # no pack published yet
    _publish_main(meeting)
    assert BUTTON not in _status(client, clerk, meeting)  # item 6 still "To follow", nothing arrived

    item = meeting.items.get(position=6)
    draft = report_for(item, "Quarter 1 & 2 Performance", marker=LATE, status=Report.Status.DRAFT)
    assert BUTTON not in _status(client, clerk, meeting)  # a draft is not a paper for the pack
    report_for(meeting.items.get(position=5), "Offending: late addendum", marker=NOT_TO_FOLLOW)
    assert BUTTON not in _status(client, clerk, meeting)  # not a "To follow" item: republish the main pack

    draft.status = Report.Status.PUBLISHED
    draft.save()
    status = _status(client, clerk, meeting)
    assert BUTTON in status
    publish_url = reverse("meetings:pack_publish_supplementary", args=[meeting.pk])
    assert f'action="{publish_url}"' in status
    assert BUTTON not in _status(client, member, meeting)
    assert BUTTON not in _status(client, None, meeting)

    # The clerk presses it: both supplementary packs are queued, built by the worker once committed.
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(publish_url)
    assert response.status_code == 302
    # One render request per variant (other callbacks, e.g. the public cache's, are not the pack's).
    assert len([c for c in callbacks if "pack_request" in c.__qualname__]) == 2
    queued = Pack.objects.filter(meeting=meeting, kind=SUPPLEMENTARY)
    assert sorted(queued.values_list("variant", "state")) == [("members", "queued"), ("public", "queued")]
    assert BUTTON not in _status(client, clerk, meeting)  # being built: not offered twice

    for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
        _build(meeting, variant)
    status = _status(client, clerk, meeting)
    assert "Supplementary members&#x27; pack:</strong> ready, built" in status
    assert "Supplementary public pack:</strong> ready, built" in status
    assert BUTTON not in status  # published and up to date
    public_status = _status(client, None, meeting)
    assert "Download the public pack (supplementary)" in public_status
    assert "members&#x27; pack" not in public_status.lower()

    # Another "To follow" paper arrives: the clerk is offered it again.
    report_for(item, "Quarter 1 & 2 Performance: annex", marker="ZQXLATER")
    assert BUTTON in _status(client, clerk, meeting)
