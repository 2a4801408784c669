"""A corrupt appendix fails the render with the paper named; the last good pack stays."""
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import add_appendix, pack_meeting


def test_corrupt_appendix_names_the_paper_and_keeps_the_last_good_pack(board, clerk):
    meeting = pack_meeting(board)
    good = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    report = meeting.items.get(position=4).reports.get()
    add_appendix(report, "Budget table", b"%PDF-1.7\nthis is not really a PDF\n%%EOF")
    assert pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS) is None
    pack = Pack.objects.get(meeting=meeting, variant=Pack.Variant.MEMBERS)
    assert pack.state == Pack.State.FAILED
    assert pack.failed_paper == "Appendix A – Budget table (item 4, Business in the Community - RISE Update)"
    assert "could not be read" in pack.error
    assert pack.current_version_id == good.pk
    assert good.file.storage.exists(good.file.name)


def test_corrupt_word_appendix_names_the_paper(board, clerk):
    meeting = pack_meeting(board)
    report = meeting.items.get(position=4).reports.get()
    add_appendix(report, "Broken letter", b"PK\x03\x04 not a zip at all", kind="docx")
    assert pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS) is None
    pack = Pack.objects.get(meeting=meeting, variant=Pack.Variant.MEMBERS)
    assert pack.failed_paper.startswith("Appendix A – Broken letter (item 4")
    assert pack.current_version is None


def test_status_line_shows_the_failure_to_the_clerk(board, clerk, client):
    meeting = pack_meeting(board)
    report = meeting.items.get(position=4).reports.get()
    add_appendix(report, "Budget table", b"not a pdf")
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    client.force_login(clerk)
    html = client.get(f"/meetings/{meeting.pk}/pack/status/").content.decode()
    assert "failed at Appendix A – Budget table" in html
