"""The meeting page says when a published pack is out of date, and what changed."""
import pytest
from django.urls import reverse

from meetings import services as meeting_services
from meetings.models import AgendaItem, ExemptParagraph
from packs.models import Pack
from packs.services import pack_build
from packs.staleness import pack_staleness

from tests.packs.factories import pack_meeting


@pytest.fixture
def published(board, clerk):
    meeting = pack_meeting(board)
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    return meeting, Pack.objects.get(meeting=meeting, variant=Pack.Variant.MEMBERS)


def test_editing_a_report_flips_the_pack_to_out_of_date_and_republishing_clears_it(published, clerk):
    meeting, pack = published
    assert pack_staleness(pack) == []
    report = meeting.items.get(position=5).reports.get()
    meeting_services.report_update(report=report, version=report.version, user=clerk,
                                   summary="A new summary after publication.", revision_note="New summary.")
    assert pack_staleness(pack) == ["Report “Reducing Offending Behaviour” edited (item 5)"]
    first = pack.current_version
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    pack.refresh_from_db()
    assert pack.current_version.number == first.number + 1
    assert pack_staleness(pack) == []
    first.refresh_from_db()
    assert first.file.storage.exists(first.file.name)  # the earlier version is kept


def test_adding_moving_and_exempting_items_are_named(published, clerk):
    meeting, pack = published
    item = meeting_services.agenda_item_create(meeting=meeting, user=clerk, title="Date of next meeting")
    meeting_services.agenda_item_move(item=item, direction="up", user=clerk)
    rise = meeting.items.get(title="Business in the Community - RISE Update")
    meeting_services.agenda_item_update(item=rise, version=rise.version, user=clerk, is_exempt=True,
                                        exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Contract prices.")
    changes = pack_staleness(pack)
    # Making item 4 exempt puts the standard "Exclusion of the public" item before it.
    assert "Item 4 “Exclusion of the public” added" in changes
    assert "Item 7 “Date of next meeting” added" in changes
    assert "Item “Quarter 1 & 2 Performance” moved from 6 to 8" in changes
    assert "Item 5 “Business in the Community - RISE Update” made exempt" in changes


def test_meeting_page_shows_out_of_date_to_the_clerk(published, clerk, client):
    meeting, pack = published
    report = meeting.items.get(position=4).reports.get()
    meeting_services.report_update(report=report, version=report.version, user=clerk, summary="Changed.",
                                   revision_note="Summary corrected.")
    client.force_login(clerk)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Publish pack" in page
    # The meeting page asks for the (costlier) staleness check as soon as it has loaded.
    status_url = reverse("meetings:pack_status", args=[meeting.pk]) + "?staleness=1"
    assert f'hx-get="{status_url}" hx-trigger="load"' in page
    status = client.get(status_url).content.decode()
    assert "Out of date." in status
    assert "Report “Business in the Community - RISE Update” edited (item 4)" in status


def test_the_two_second_poll_while_a_pack_builds_does_not_rebuild_papers_to_check_staleness(
        published, clerk, client, monkeypatch):
    """Staleness rebuilds every paper's sources: the busy poll leaves it to the one check after the build."""
    from packs import staleness as pack_staleness_module

    meeting, pack = published
    Pack.objects.filter(meeting=meeting, variant=Pack.Variant.PUBLIC).delete()
    public = Pack.objects.create(meeting=meeting, variant=Pack.Variant.PUBLIC, kind=pack.kind, state=Pack.State.QUEUED)
    assert public.busy and not Pack.objects.get(pk=pack.pk).busy
    checked = []
    real = pack_staleness_module.pack_staleness
    monkeypatch.setattr(pack_staleness_module, "pack_staleness", lambda p: checked.append(p.pk) or real(p))
    client.force_login(clerk)
    status_url = reverse("meetings:pack_status", args=[meeting.pk])
    poll = client.get(status_url).content.decode()
    assert 'hx-trigger="every 2s"' in poll  # still polling while the public pack builds
    assert checked == []
    client.get(status_url + "?staleness=1")
    assert checked == [pack.pk]
