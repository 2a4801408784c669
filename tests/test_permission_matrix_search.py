"""The permission matrix for search and e-mail alerts (and who finds what): every role may search
and ask for alerts, and a signed link works for whoever holds it; each
finds an exempt report's words only if it may read the report (READERS_OF_EXEMPT), a draft
report's only as its author or the clerk, and an unpublished meeting's item only on the board."""
import datetime

from django.urls import reverse
from django.utils import timezone

from alerts import tokens
from alerts.models import Subscription
from meetings.models import ExemptParagraph, Report

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.packs.factories import report_for
from tests.matrix import EVERYONE, ON_BOARD, READERS_OF_EXEMPT, ROLES, check_cell, make_cast, matrix, world_fixture


class SearchWorld:
    def __init__(self, board, other_board):
        self.board = board
        self.users = make_cast(board, other_board)
        published = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=timezone.now())
        unpublished = MeetingFactory(board=board, date=datetime.date(2031, 1, 20))
        open_item = AgendaItemFactory(meeting=published, position=4, title="Fostering update")
        exempt_item = AgendaItemFactory(meeting=published, position=5, title="Contract award")
        AgendaItemFactory(meeting=unpublished, position=4, title="ZQMXUNPUB review")
        author = self.users["author"]
        report_for(open_item, "Fostering update", marker="ZQMXOPEN", paragraphs=1, author=author)
        report_for(exempt_item, "Award", marker="ZQMXEXEMPT", paragraphs=1, author=author, is_exempt=True,
                   exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Prices.")
        report_for(exempt_item, "Draft costs", marker="ZQMXDRAFT", paragraphs=1, author=author,
                   status=Report.Status.DRAFT)
        self.subscription = Subscription.objects.create(email="resident@example.org", board=board)
        self.confirm_token = tokens.make(self.subscription, tokens.CONFIRM_SALT)
        self.unsubscribe_token = tokens.make(self.subscription, tokens.UNSUBSCRIBE_SALT)


CASES = [
    ("search", "search:search", "get", lambda w: [], EVERYONE, None),
    ("alerts_subscribe_form", "alerts:subscribe", "get", lambda w: [], EVERYONE, None),
    ("alerts_subscribe", "alerts:subscribe", "post", lambda w: [], EVERYONE,
     lambda w: {"email": "someone@example.org", "board": w.board.pk, "phrase": ""}),
    ("alerts_check_email", "alerts:check_email", "get", lambda w: [], EVERYONE, None),
    ("alerts_confirm_page", "alerts:confirm", "get", lambda w: [w.confirm_token], EVERYONE, None),
    ("alerts_confirm", "alerts:confirm", "post", lambda w: [w.confirm_token], EVERYONE, {}),
    ("alerts_unsubscribe", "alerts:unsubscribe", "get", lambda w: [w.unsubscribe_token], EVERYONE, None),
    ("alerts_unsubscribe_post", "alerts:unsubscribe", "post", lambda w: [w.unsubscribe_token], EVERYONE, {}),
]

shared_matrix_world, world = world_fixture(SearchWorld)


@matrix(CASES)
def test_search_permission_matrix(client, world, case, role, settings, monkeypatch):
    from django.core.cache import cache

    cache.clear()  # the alerts form's rate limit counts every cell otherwise
    monkeypatch.setattr("alerts.tasks.send_confirmation.delay", lambda *args: None)
    check_cell(client, world, case, role)


FINDS = {
    "ZQMXOPEN": EVERYONE,
    "ZQMXEXEMPT": READERS_OF_EXEMPT,
    "ZQMXDRAFT": frozenset({"author", "clerk", "admin"}),
    "ZQMXUNPUB": ON_BOARD,
}


@matrix([(marker, "search:search", "get", None, readers, None) for marker, readers in FINDS.items()])
def test_who_finds_what(client, world, case, role):
    marker, _, _, _, readers, _ = case
    if role != "anonymous":
        client.force_login(world.users[role])
    page = client.get(reverse("search:search"), {"q": marker}).content.decode()
    found = "<mark>" in page or "0 results for" not in page
    assert found == (role in readers), f"{role} searching {marker}"
