"""The leak suite over the public side: calendar, decisions register, members' pages, documents,
feeds (RSS/Atom) and iCalendar. The world of `test_leaks_public_outputs` (markers in exempt
reports and appendices, draft minutes, unpublished meetings, minutes of a meeting not yet held)
is fetched logged out and as a member of another board, every page linked from these crawled
too: no marker may be found. Controls prove the crawl read real content."""
import datetime

import pytest
from django.urls import reverse

from boards.models import Board, Membership
from meetings.models import Meeting

from tests.test_leaks_public_outputs import MARKERS, crawl, world  # noqa: F401  (the shared world fixture)


def public_side_seeds(world, boards) -> list[str]:
    seeds = [reverse("public:calendar"), reverse("public:decisions"), reverse("public:member_list"),
             reverse("public:feeds"), reverse("public:ical_all")]
    for kind in ("agendas", "packs", "minutes", "decisions"):
        seeds += [reverse("public:feed_rss", args=[kind]), reverse("public:feed_atom", args=[kind])]
        for board in boards:
            seeds += [reverse("public:board_feed_rss", args=[board.slug, kind]),
                      reverse("public:board_feed_atom", args=[board.slug, kind])]
    for board in boards:
        seeds += [reverse("public:ical_board", args=[board.slug]), board.get_absolute_url(),
                  reverse("public:decisions") + f"?board={board.slug}"]
    for meeting in Meeting.objects.all():
        month = reverse("public:calendar_month", args=[meeting.date.year, meeting.date.month])
        seeds += [month, month + "?view=list", reverse("public:documents", args=[meeting.pk])]
        for year in {meeting.date.year}:
            seeds.append(reverse("public:decisions") + f"?year={year}")
    for status in ("open", "in_progress", "done", "superseded"):
        seeds.append(reverse("public:decisions") + f"?status={status}")
    for person_id in set(Membership.objects.values_list("person_id", flat=True)):
        seeds.append(reverse("public:member", args=[person_id]))
    return seeds


def _found(pages):
    found = {}
    for url, (status, text) in pages.items():
        upper = text.upper()
        for marker in MARKERS:
            if marker in upper:
                found.setdefault(f"{marker} ({MARKERS[marker]})", []).append(f"{url} [{status}]")
    return found


@pytest.mark.parametrize("reader", ["anonymous", "other_member"])
def test_no_marker_reaches_the_public_side(world, board, client, reader, other_member):  # noqa: F811
    if reader == "other_member":
        client.force_login(other_member)
    seeds = public_side_seeds(world, Board.objects.all())
    pages = crawl(client, seeds, limit=2500)
    found = _found(pages)
    assert not found, "Leaked:\n" + "\n".join(f"{m}: {', '.join(urls)}" for m, urls in found.items())
    # Controls: the published meeting is in the calendar and the iCalendar feed, its public pack in the feed.
    meeting = world["meeting"]
    month = reverse("public:calendar_month", args=[meeting.date.year, meeting.date.month]) + "?view=list"
    assert meeting.get_absolute_url() in pages[month][1]
    assert f"meeting-{meeting.pk}@" in pages[reverse("public:ical_all")][1]
    assert f"/meetings/{meeting.pk}/pack/public.pdf" in pages[reverse("public:feed_rss", args=["packs"])][1] or \
        "/packs/versions/" in pages[reverse("public:feed_rss", args=["packs"])][1]
    hidden = world["hidden"]
    assert f"meeting-{hidden.pk}@" not in pages[reverse("public:ical_all")][1]
    assert all(status in (200, 404) for url, (status, _) in pages.items() if url in seeds)


def test_the_boards_own_member_does_find_the_draft_in_their_personal_calendar_only_as_a_meeting(world, member, client):  # noqa: F811
    """A member's personal calendar lists their board's unpublished meeting (their role may see it)
    but an event says when and where, never what is on the agenda."""
    client.force_login(member)
    client.get(reverse("public:personal_calendar"))
    token = member.personal_calendar.token
    client.logout()
    body = client.get(reverse("public:ical_personal", args=[token])).content.decode()
    assert f"meeting-{world['hidden'].pk}@" in body
    for marker in MARKERS:
        if marker != "LKXUNPUBVENUE":  # the venue is what the member's calendar is for
            assert marker not in body.upper()
    assert datetime.date.today()
