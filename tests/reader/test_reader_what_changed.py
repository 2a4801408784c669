"""Opening a newer version of a pack says what changed since the version the member last opened:
only the papers that were edited or added, with the page each starts on, and only once."""
import re

from django.urls import reverse

from packs.models import Pack
from packs.services import pack_build

from tests.reader.factories import current, reader_meeting


def _changed_section(html: str) -> str:
    match = re.search(r'<section class="alert alert-warning[^>]*id="changed">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def test_a_newer_version_lists_only_the_papers_that_changed_since_last_read(board, clerk, member, client):
    meeting = reader_meeting(board, exempt=False)
    v1 = current(meeting)
    client.force_login(member)
    assert _changed_section(client.get(reverse("reader:read", args=[v1.pk])).content.decode()) == ""

    report = meeting.items.get(position=5).reports.get()
    report.summary = "A corrected summary."
    report.save()
    v2 = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert v2.pk != v1.pk

    changed = _changed_section(client.get(reverse("reader:read_current", args=[meeting.pk, "members"]), follow=True)
                               .content.decode())
    assert "Changed since you last read it (version 1)" in changed
    offending = next(p for item in v2.contents for p in item["papers"] if p["key"] == f"report:{report.pk}")
    assert f'data-goto="{offending["page"]}"' in changed and "Reducing Offending Behaviour" in changed
    assert "Minutes of the meeting" not in changed and "RISE" not in changed
    assert "Show only the papers that changed" in changed
    # Read once: opening the same version again says nothing more; nor does going back to version 1.
    assert _changed_section(client.get(reverse("reader:read", args=[v2.pk])).content.decode()) == ""
    assert _changed_section(client.get(reverse("reader:read", args=[v1.pk])).content.decode()) == ""
