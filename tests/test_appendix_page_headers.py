"""Every page of an appendix in the pack says which item and appendix it belongs to ("Item 5 –
Appendix A: Rate of offending table"), as page furniture (an artifact, not in the tagged text), so
a page printed or read on its own is never orphaned."""
import io

import pikepdf

from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting, page_texts, pdf_bytes
from tests.pdfua import assert_pdf_ua


def test_each_appendix_page_is_headed_with_its_item_and_appendix_as_an_artifact(board, clerk):
    meeting = pack_meeting(board)
    item = meeting.items.get(position=5)
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    assert version is not None, Pack.objects.get(meeting=meeting, variant=Pack.Variant.PUBLIC).error
    data = pdf_bytes(version)
    pages = page_texts(data)
    heading = f"Item {item.number} – Appendix A: Rate of offending table"
    appendix_pages = [n for n, text in enumerate(pages) if "OFFENDINGAPPENDIX" in text]
    assert len(appendix_pages) == 2
    for n in appendix_pages:
        assert heading in pages[n]
    # Only the appendix's pages: the report's own pages have their headings in the text.
    assert sum(heading in text for text in pages) == 2
    pdf = pikepdf.open(io.BytesIO(data))
    for n in appendix_pages:
        pdf.pages[n].contents_coalesce()
        assert b"/Artifact <</Type /Pagination>> BDC" in pdf.pages[n].obj.Contents.read_bytes()
    assert_pdf_ua(data, "a public pack with an appendix headed by item and letter")
