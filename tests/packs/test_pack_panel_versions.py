"""The pack panel says plainly what each pack is and when it was built, and lists the clerk's
earlier versions with their dates: "Members' pack: ready, built 23 November 2026 at 3.12pm"."""
import datetime
import html
import re
import zoneinfo

import time_machine

from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_pack_panel_says_when_each_pack_was_built_and_lists_earlier_versions(board, clerk, member, client):
    meeting = pack_meeting(board)
    with time_machine.travel(datetime.datetime(2026, 11, 22, 10, 5, tzinfo=LONDON), tick=False):
        pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    report = meeting.items.get(position=4).reports.get()
    report.summary = "A corrected summary."
    report.save()
    with time_machine.travel(datetime.datetime(2026, 11, 23, 15, 12, tzinfo=LONDON), tick=False):
        pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert Pack.objects.get(meeting=meeting, variant="members").versions.count() == 2

    client.force_login(clerk)
    text = _text(client.get(meeting.get_absolute_url()))
    assert "Members' pack: ready, built 23 November 2026 at 3.12pm" in text
    assert "Earlier versions (1)" in text
    assert "Version 1, built 22 November 2026 at 10.05am" in text
    assert "15:12" not in text and "Agenda pack – Members' pack" not in text

    client.force_login(member)
    text = _text(client.get(meeting.get_absolute_url()))
    assert "Members' pack: ready, built 23 November 2026 at 3.12pm" in text
    assert "Earlier versions" not in text
