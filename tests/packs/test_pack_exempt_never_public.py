"""An exempt paper never reaches the public pack; a placeholder page says why it is missing."""
import pytest

from meetings.models import AgendaItem, ExemptParagraph
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import add_appendix, appendix_pdf, pack_meeting, page_texts, pdf_bytes, qpdf_check, report_for

MARKER = "ZQXEXEMPTMARKER"


@pytest.fixture
def meeting(board, clerk):
    meeting = pack_meeting(board)
    item = AgendaItem.objects.create(meeting=meeting, position=7, title="Placement contract with a provider",
                                     presenter="Report of Director of Commissioning", paper_status="attached")
    report = report_for(item, f"Contract {MARKER} award", marker=MARKER, is_exempt=True,
                        exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Commercial terms.")
    add_appendix(report, f"Prices {MARKER}", appendix_pdf(MARKER))
    exempt_item = AgendaItem.objects.create(
        meeting=meeting, position=8, title="A child's placement", paper_status="attached", is_exempt=True,
        exempt_paragraph=ExemptParagraph.IDENTITY, exempt_reason="Would identify a child.")
    report_for(exempt_item, f"Case {MARKER}2", marker=f"{MARKER}2")
    return meeting


def test_public_pack_has_no_word_of_an_exempt_report_and_has_its_placeholder(meeting):
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    data = pdf_bytes(version)
    assert MARKER.encode() not in data
    texts = page_texts(data)
    whole = "\n".join(texts)
    assert MARKER not in whole
    assert "OFFENDINGTEXT" in whole  # the public papers are there
    placeholder = [t for t in texts if "Placement contract with a provider" in t and "not for publication" in t and "paragraph 3" in t]
    assert len(placeholder) == 1
    assert ExemptParagraph.FINANCIAL.label in " ".join(placeholder[0].split())
    child = [t for t in texts if "A child's placement" in t and "not for publication" in t and "paragraph 2" in t]
    assert len(child) == 1
    assert ExemptParagraph.IDENTITY.label in " ".join(child[0].split())
    qpdf_check(data)


def test_public_pack_sources_and_outline_name_no_exempt_title(meeting):
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    import json

    assert MARKER not in json.dumps(version.sources) + json.dumps(version.contents)


def test_members_pack_has_the_exempt_report(meeting):
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    whole = "\n".join(page_texts(pdf_bytes(version)))
    assert MARKER in whole
    assert f"{MARKER}2" in whole
