"""The pack reads in agenda order, its contents page tells the truth, and its bookmarks match."""
import pytest

from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import outline_titles, pack_meeting, page_texts, pdf_bytes, qpdf_check


@pytest.fixture
def members_pack(board, clerk):
    meeting = pack_meeting(board)
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert version is not None, Pack.objects.get(meeting=meeting, variant="members").error
    return meeting, version, pdf_bytes(version)


def _first_page_with(texts, needle):
    return next(i for i, t in enumerate(texts) if needle in t)


def test_front_sheet_then_minutes_then_item_4_report_before_item_5(members_pack):
    meeting, version, data = members_pack
    texts = page_texts(data)
    assert "A G E N D A" in texts[0]
    minutes = _first_page_with(texts, "MINUTESTEXT")
    rise = _first_page_with(texts, "RISETEXT")
    offending = _first_page_with(texts, "OFFENDINGTEXT")
    appendix = _first_page_with(texts, "OFFENDINGAPPENDIX")
    assert 0 < minutes < rise < offending < appendix
    qpdf_check(data)


def test_contents_page_numbers_are_the_real_start_pages(members_pack):
    meeting, version, data = members_pack
    texts = page_texts(data)
    contents = texts[1]
    assert contents.startswith("Contents")
    checks = {
        "Minutes of the meeting held on 23 September 2030": "MINUTESTEXT",
        "Business in the Community - RISE Update": "RISETEXT",
        "Reducing Offending Behaviour": "OFFENDINGTEXT",
        "Appendix A – Rate of offending table": "OFFENDINGAPPENDIX",
    }
    listed = {p["title"]: p["page"] for item in version.contents for p in item["papers"]}
    for title, marker in checks.items():
        line = next(line for line in contents.splitlines() if line.startswith(title) and line.split()[-1].isdigit())
        page = int(line.split()[-1])
        assert page == listed[title]
        assert marker in texts[page - 1], f"{title} listed on page {page}"
        assert marker not in "".join(texts[: page - 1]), f"{title} starts before page {page}"
    assert "Quarter 1 & 2 Performance – To follow" in contents


def test_contents_entries_link_to_their_pages(members_pack):
    import io

    import pikepdf

    meeting, version, data = members_pack
    pdf = pikepdf.open(io.BytesIO(data))
    pages = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
    targets = {pages[a.A.D[0].objgen] for a in pdf.pages[1].obj.Annots if a.A.S == "/GoTo"}
    assert targets == {p["page"] for item in version.contents for p in item["papers"]}


def test_one_bookmark_per_item_and_paper_with_report_headings_nested(members_pack):
    meeting, version, data = members_pack
    outline = outline_titles(data)
    top = [title for depth, title, _ in outline if depth == 0]
    items = [f"{i.number} {i.title}" for i in meeting.items.order_by("position")]
    assert top == ["Agenda front sheet", "Contents", *items]
    papers = [title for depth, title, _ in outline if depth == 1]
    assert papers == ["Minutes of the meeting held on 23 September 2030", "Business in the Community - RISE Update",
                      "Reducing Offending Behaviour"]
    offending = [i for i, (d, t, _) in enumerate(outline) if t == "Reducing Offending Behaviour" and d == 1][0]
    below = [t for d, t, _ in outline[offending + 1:] if d == 2]
    assert "Appendix A – Rate of offending table" in below
    assert any(t.startswith("1 BACKGROUND") for t in below), below
    assert "5.1 Legal" in [t for d, t, _ in outline if d == 3]
    texts = page_texts(data)
    for depth, title, page in outline:
        if depth == 1:
            assert page is not None and (page + 1) == next(
                p["page"] for item in version.contents for p in item["papers"] if p["title"] == title)


def test_every_page_has_the_footer_with_page_n_of_m(members_pack):
    meeting, version, data = members_pack
    texts = page_texts(data)
    for n, text in enumerate(texts, start=1):
        assert f"Page {n} of {len(texts)}" in text
        assert "Corporate Parenting Board – Monday 18 November 2030" in text
