"""A change to one report re-renders that report alone; the rest comes from the cache."""
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting


def test_after_one_report_changes_only_that_section_is_rendered(board, clerk):
    meeting = pack_meeting(board)
    first = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert len(first.stats["rendered"]) == 5  # front sheet, three reports, contents
    report = meeting.items.get(position=5).reports.get()
    report.summary = "A changed summary."
    report.save()
    second = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert second.number == first.number + 1
    assert second.stats["rendered"] == ["Reducing Offending Behaviour"]


def test_running_twice_with_nothing_changed_renders_nothing_and_keeps_the_version(board, clerk):
    meeting = pack_meeting(board)
    first = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    again = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert again.pk == first.pk
    assert Pack.objects.get(meeting=meeting, variant="members").versions.count() == 1
