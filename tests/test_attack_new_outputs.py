"""An independent attack on the public side, OParl and the reader, over the world of the leak suite
(markers in exempt reports and appendices, draft minutes, an unpublished meeting, minutes of a
meeting not yet held, an item made exempt after its pack was published), plus an exempt reason and
a member's private note. Tried: the clerk's pages then a logged-out visitor (the public cache),
ETags fetched by the clerk replayed logged out, filter and pagination tricks, OParl lists asked
what changed since long ago (deleted and withdrawn objects) with every URL in them followed, another
member's personal calendar address and a guessed one, and the reader's public pack versions."""
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from boards.models import Board
from meetings.models import AgendaItem, Attachment, Report
from packs.models import Pack, PackVersion

from tests.oparl import oparl_crawl
from tests.test_leaks_public_outputs import MARKERS, PUBLIC_CONTROL, body_text, crawl, world  # noqa: F401  (the shared world)
from tests.public.test_leaks_public_side import public_side_seeds

REASON = "LKXATKREASON"  # an exempt item's and an exempt report's reason, never public
NOTE = "LKXATKNOTE"  # a member's private note on the public pack
ALL = {**MARKERS, REASON: "an exempt reason", NOTE: "a member's private note"}


def _found(pages) -> dict:
    found = {}
    for url, (status, text) in pages.items():
        upper = text.upper()
        for marker in ALL:
            if marker in upper:
                found.setdefault(f"{marker} ({ALL[marker]})", []).append(f"{url} [{status}]")
    return found


def _no_leak(pages):
    found = _found(pages)
    assert not found, "Leaked:\n" + "\n".join(f"{m}: {', '.join(urls)}" for m, urls in found.items())


@pytest.fixture
def attacked(world, member, client):  # noqa: F811
    AgendaItem.objects.filter(is_exempt=True).update(exempt_reason=f"{REASON} item")
    Report.objects.filter(is_exempt=True).update(exempt_reason=f"{REASON} report")
    public = Pack.objects.get(meeting=world["meeting"], variant=Pack.Variant.PUBLIC, kind=Pack.Kind.MAIN)
    from reader.services import annotation_create

    annotation_create(user=member, version=public.current_version, kind="page_note", page=1, note=f"{NOTE} my view")
    cache.clear()
    return world


def trick_seeds() -> list[str]:
    decisions, calendar = reverse("public:decisions"), reverse("public:calendar")
    seeds = []
    for board in Board.objects.all():
        seeds += [f"{decisions}?board={board.slug}&page=999", f"{decisions}?board={board.pk}",
                  f"{calendar}?board={board.slug}&view=list", f"{calendar}?board={board.pk}"]
    seeds += [f"{decisions}?page=-1", f"{decisions}?page=abc", f"{decisions}?year=0", f"{decisions}?year=abc",
              f"{decisions}?status=draft", f"{decisions}?status=exempt", f"{decisions}?status=%27%20OR%201--",
              f"{decisions}?board=%27%20OR%201=1--", reverse("public:calendar_month", args=[1900, 1]),
              calendar + "?view=list&page=999"]
    for kind in ("agendas", "packs", "minutes", "decisions", "drafts", "exempt", "all"):
        seeds += [reverse("public:feed_rss", args=[kind]), reverse("public:feed_atom", args=[kind])]
    return seeds


def test_clerk_pages_never_reach_a_logged_out_visitor(attacked, client, clerk):
    """The clerk reads every public-side page first (filling whatever cache there is), then a
    logged-out visitor reads them: nothing the clerk was shown reaches the visitor."""
    seeds = public_side_seeds(attacked, Board.objects.all()) + trick_seeds()
    client.force_login(clerk)
    clerk_pages = {url: client.get(url) for url in seeds}
    etags = {url: r["ETag"] for url, r in clerk_pages.items() if r.has_header("ETag")}
    client.logout()
    pages = crawl(client, seeds, limit=2500)
    _no_leak(pages)
    assert all(status < 500 for status, _ in pages.values())
    # The clerk's ETag replayed logged out: a 304 only where the visitor's own page is the same.
    for url, etag in etags.items():
        replay = client.get(url, HTTP_IF_NONE_MATCH=etag)
        if replay.status_code == 304:
            own = client.get(url)
            assert own["ETag"] == etag, f"{url}: 304 on the clerk's ETag"
        else:
            assert not _found({url: (replay.status_code, body_text(replay))})


@pytest.mark.parametrize("reader", ["anonymous", "other_member"])
def test_oparl_what_changed_since_long_ago_carries_nothing_exempt(attacked, client, reader, other_member):
    """Every OParl list asked for what changed since 2000 (deleted objects and files included) and
    every URL in every answer followed: no marker, and a deleted file's content answers 410."""
    if reader == "other_member":
        client.force_login(other_member)
    responses, _ = oparl_crawl.crawl(client)
    since = "modified_since=2000-01-01T00:00:00%2B00:00"
    extra = []
    for board in Board.objects.all():
        body = client.get(f"{oparl_crawl.API}body/").json()
        for entry in body.get("data", []):
            for key in ("meeting", "paper", "file", "agendaItem", "person", "organization", "membership",
                        "consultation", "location", "legislativeTerm"):
                if isinstance(entry.get(key), str):
                    extra.append(f"{entry[key]}?{since}")
                    extra.append(f"{entry[key]}?{since}&elementsPerPage=1&page=999")
        break
    for name in ("file", "location", "legislativeTerm"):  # addresses keyed by strings: hostile keys
        for key in ("%00", "x%00y", "file-1%27%20OR%201=1--", "..%2F..", "9" * 40):
            extra.append(f"{oparl_crawl.API}{name}/{key}/")
    queue, seen = list(dict.fromkeys(extra)), set(responses)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        responses[url] = response
        if response.get("Content-Type", "").startswith("application/json") and response.status_code == 200:
            queue += [u for u in oparl_crawl._urls(response.json()) if u not in seen]
    pages = {url: (r.status_code, body_text(r)) for url, r in responses.items()}
    _no_leak(pages)
    assert any("modified_since" in url for url in pages)
    assert all(status < 500 for status, _ in pages.values())


def test_personal_calendar_addresses_are_each_members_own(attacked, client, member, other_member):
    """Another member's secret address never lists this board's unpublished meeting; a guessed or
    reset address answers 404; the calendar page shows only the reader's own address."""
    hidden = attacked["hidden"]
    client.force_login(member)
    own_page = client.get(reverse("public:personal_calendar")).content.decode()
    token = member.personal_calendar.token
    client.force_login(other_member)
    other_page = client.get(reverse("public:personal_calendar")).content.decode()
    other_token = other_member.personal_calendar.token
    assert token not in other_page and other_token not in own_page
    client.logout()
    other_ics = client.get(reverse("public:ical_personal", args=[other_token])).content.decode()
    assert f"meeting-{hidden.pk}@" not in other_ics
    assert not _found({"other": (200, other_ics)})
    for guess in (token[:-1], token.upper() if token != token.upper() else token.lower(), "", "x" * len(token),
                  f"{token}%00", "..%2F..%2Fetc"):
        if not guess:
            continue
        response = client.get(f"/calendar/personal/{guess}.ics")
        assert response.status_code == 404, guess
    client.force_login(member)
    client.post(reverse("public:personal_calendar_reset"))
    client.logout()
    assert client.get(reverse("public:ical_personal", args=[token])).status_code == 404


@pytest.mark.parametrize("reader", ["anonymous", "other_member"])
def test_the_readers_public_versions_carry_no_exempt_text_nor_anyones_note(attacked, client, reader, other_member):
    if reader == "other_member":
        client.force_login(other_member)
    seeds = []
    for version in PackVersion.objects.all():
        seeds += [reverse("reader:read", args=[version.pk]), reverse("reader:version_pdf", args=[version.pk]),
                  reverse("reader:notes", args=[version.pk])]
    for meeting in attacked["meetings"]:
        for variant in ("public", "members"):
            seeds.append(reverse("reader:read_current", args=[meeting.pk, variant]))
    seeds += [reverse("reader:my_notes"), reverse("reader:my_notes_pdf")]
    pages = crawl(client, seeds, limit=600)
    _no_leak(pages)
    public = Pack.objects.get(meeting=attacked["meeting"], variant=Pack.Variant.PUBLIC, kind=Pack.Kind.MAIN)
    read = reverse("reader:read", args=[public.current_version.pk])
    assert pages[read][0] == 200  # control: the public version is readable
    assert re.search(r"LKXPUBLICOK", pages[reverse("reader:version_pdf", args=[public.current_version.pk])][1])


@pytest.mark.parametrize("reader", ["anonymous", "other_member"])
def test_what_the_boards_member_is_shown_never_reaches_the_public_nor_another_board(
        client, board, clerk, member, other_member, reader):
    """An exempt decision in published minutes, a declaration in draft minutes and one on an exempt
    item: the board's member reads the register, their page and the feeds first; then the public
    (from the cache) and another board's member read them: none of the three is there."""
    import datetime

    from minutes import services as minutes_svc
    from minutes.models import Declaration, InterestKind, Minute

    from tests.factories import AgendaItemFactory
    from tests.minutes.factories import drafted, record_present

    published = drafted(board, datetime.date(2013, 9, 23), clerk, first_number=1)
    exempt_item = AgendaItemFactory(meeting=published, position=9, title="Placement costs", is_exempt=True,
                                    exempt_paragraph=3, exempt_reason=f"{REASON} prices")
    minute = Minute.objects.create(meeting=published, agenda_item=exempt_item, number=99, position=99,
                                   title="Placement costs")
    minutes_svc.resolution_add(minute=minute, user=clerk, text="to award the LKXATKEXDECISION contract.")
    record_present(published, member.person)
    minutes_svc.declaration_add(meeting=published, person=member.person, agenda_item=exempt_item,
                                kind=InterestKind.NOT_REQUIRED, text="LKXATKEXDECL a friend bid",
                                action=Declaration.Action.STAYED_SILENT, user=clerk)
    minutes_svc.minutes_publish(meeting=published, user=clerk)
    draft = drafted(board, datetime.date(2013, 11, 18), clerk, first_number=20)
    record_present(draft, member.person)
    minutes_svc.declaration_add(meeting=draft, person=member.person, agenda_item=draft.items.get(position=4),
                                kind=InterestKind.NOT_REQUIRED, text="LKXATKDRAFTDECL a cousin fosters",
                                action=Declaration.Action.STAYED_SILENT, user=clerk)
    cache.clear()
    urls = [reverse("public:decisions"), reverse("public:decisions") + f"?board={board.slug}",
            reverse("public:decisions") + "?year=2013", reverse("public:member", args=[member.person.pk]),
            reverse("public:member_list"), reverse("public:documents", args=[published.pk])]
    for kind in ("decisions", "minutes"):
        urls += [reverse("public:feed_rss", args=[kind]), reverse("public:board_feed_atom", args=[board.slug, kind])]
    client.force_login(member)
    shown = {url: body_text(client.get(url)) for url in urls}
    assert "LKXATKEXDECISION" in shown[reverse("public:decisions")]  # control: the member is shown it
    client.logout()
    if reader == "other_member":
        client.force_login(other_member)
    for url in urls:
        text = body_text(client.get(url)).upper()
        for marker in ("LKXATKEXDECISION", "LKXATKEXDECL", "LKXATKDRAFTDECL", REASON):
            assert marker not in text, f"{marker} in {url} read by {reader}"


TRICKS = ['"{m}"', "{m}*", "LKX*", "LKX", "lkxex", "{m}:*", "title:{m}", '" OR 1 --', '{m}" OR "1', "NEAR({m} x)",
          "{m} OR x", "-x {m}", "{m} & !x", "{m} | x", "({m}", "{m})", "'; DROP TABLE search_searchentry; --",
          "{m}" + " x" * 400, "x" * 5000, "%", "_", "\\", "{m}\x00"]


@pytest.mark.parametrize("reader", ["anonymous", "other_member"])
def test_search_tricks_find_nothing_exempt(attacked, client, reader, other_member, board):
    """Search query syntax (quotes, prefixes, websearch and FTS5 operators, injection attempts, very
    long queries, NUL), pagination beyond the end and the board filter set to the board's own id:
    no marker in any answer, and no server error."""
    from search.services import document_text_extract

    for pk in Attachment.objects.values_list("pk", flat=True):
        document_text_extract(kind="attachment", pk=pk)
    for pk in PackVersion.objects.values_list("pk", flat=True):
        document_text_extract(kind="pack", pk=pk)
    if reader == "other_member":
        client.force_login(other_member)
    url, pages = reverse("search:search"), {}
    for marker in ("LKXEXREPORT", "LKXEXAPPXPDF", "LKXDRAFTMIN", "LKXUNPUBVENUE", "LKXLATER", REASON, NOTE):
        for trick in TRICKS:
            q = trick.format(m=marker)
            for extra in ({}, {"page": "999"}, {"page": "-1"}, {"board": str(board.pk)}, {"board": "999999"},
                          {"kind": "minutes"}, {"year": "2013"}):
                response = client.get(url, {"q": q, **extra})
                pages[f"{url}?q={q[:60]}&{extra}"] = (response.status_code, _without_query(body_text(response), q))
    assert all(status < 500 for status, _ in pages.values()), [u for u, (s, _) in pages.items() if s >= 500][:5]
    _no_leak(pages)
    # Control: the same tricks do find the public report (the search really runs them).
    for trick in ('"{m}"', "{m}*", "{m} OR x"):
        assert "<mark>" in client.get(url, {"q": trick.format(m=PUBLIC_CONTROL)}).content.decode(), trick


def _without_query(text: str, q: str) -> str:
    """The page repeats the query (search box, heading, links to other pages): only what it found counts."""
    from html import escape
    from urllib.parse import quote, quote_plus

    for form in (escape(q), escape(q, quote=False), q, quote_plus(q), quote(q), q.strip(), escape(q.strip())):
        if form:
            text = text.replace(form, "")
    return text
