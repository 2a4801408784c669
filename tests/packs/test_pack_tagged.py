"""The assembled pack is a tagged PDF: one tag tree covering every page, en-GB, fonts embedded."""
import io
import re
import subprocess
import tempfile

import pikepdf
import pytest

from packs.assemble import _parent_tree_items
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import add_appendix, appendix_docx, pack_meeting, pdf_bytes, qpdf_check


@pytest.fixture
def data(board, clerk):
    meeting = pack_meeting(board)
    report = meeting.items.get(position=4).reports.get()
    add_appendix(report, "Word appendix", appendix_docx("DOCXAPPENDIXTEXT"), kind="docx")
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert version is not None, Pack.objects.get(meeting=meeting, variant="members").error
    return pdf_bytes(version)


def test_pack_is_tagged_on_every_page(data):
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "en-GB"
    tree = root.StructTreeRoot
    parents = dict(_parent_tree_items(tree.ParentTree, []))
    page_ids = {p.objgen for p in pdf.pages}
    for n, page in enumerate(pdf.pages, start=1):
        assert "/StructParents" in page.obj, f"page {n} is untagged"
        entry = parents.get(int(page.obj.StructParents))
        assert entry is not None, f"page {n}'s /StructParents does not resolve"
        for element in entry:
            assert element.Pg.objgen in page_ids
        for annot in page.obj.get("/Annots", []):
            assert int(annot.StructParent) in parents
    assert int(tree.ParentTreeNextKey) > max(parents)
    assert tree.K[0].S == "/Document"


def test_title_shown_author_language_and_opens_at_front_sheet(data):
    pdf = pikepdf.open(io.BytesIO(data))
    assert str(pdf.docinfo.Title).startswith("Corporate Parenting Board, Monday 18 November 2030: agenda pack")
    assert str(pdf.docinfo.Author) == "Nottingham City Council"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert pdf.Root.OpenAction[0].objgen == pdf.pages[0].objgen
    meta = pdf.open_metadata()
    assert meta["pdfuaid:part"] == "1"
    assert "en-GB" in str(meta.get("dc:language"))


def test_every_font_is_embedded_and_footer_is_an_artifact(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        fonts = subprocess.run(["pdffonts", f.name], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column
    pdf = pikepdf.open(io.BytesIO(data))
    for page in pdf.pages:
        content = b"".join(s.read_bytes() for s in ([page.obj.Contents] if isinstance(page.obj.Contents, pikepdf.Stream) else page.obj.Contents))
        # The footer (with, on appendix pages, the "Item 5 – Appendix A" heading) is page furniture.
        assert re.search(rb"/Artifact <</Type /Pagination( /Subtype /Footer)?>> BDC", content)


def test_docx_appendix_is_converted_and_in_the_pack(data):
    assert b"DOCXAPPENDIXTEXT" not in data  # text is in compressed streams; read it back instead
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    assert "DOCXAPPENDIXTEXT" in text


def test_qpdf_check_is_clean(data):
    qpdf_check(data)
