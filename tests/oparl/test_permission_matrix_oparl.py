"""The permission matrix for the OParl API: every OParl URL × every role.

The API is the public's view for everyone: what the public may read answers 200 to every role,
and what it may not (an unpublished meeting, an exempt, draft or submitted report, their
appendices) answers 404 to every role, the admin included. An exempt item is served, as OParl's
non-public item.
"""
from django.utils.text import slugify

from oparl.places import venue_key, year_of

from tests.matrix import EVERYONE, check_cell, make_cast, matrix, world_fixture
from tests.test_permission_matrix import World

NOBODY = frozenset()


class OparlWorld(World):
    def __init__(self, board, other_board):
        super().__init__(board, other_board)
        self.body = slugify(board.council_name)
        self.person = self.users["member"].person
        self.membership = self.person.memberships.get()


def _file(prefix, attr):
    return lambda w: [f"{prefix}-{getattr(w, attr).pk}"]


# (case name, URL name, method, URL args builder, roles allowed, POST data)
CASES = [
    ("system", "oparl:system", "get", lambda w: [], EVERYONE, None),
    ("bodies", "oparl:bodies", "get", lambda w: [], EVERYONE, None),
    ("body", "oparl:body", "get", lambda w: [w.body], EVERYONE, None),
    ("body_meetings", "oparl:body_list", "get", lambda w: [w.body, "meeting"], EVERYONE, None),
    ("body_papers", "oparl:body_list", "get", lambda w: [w.body, "paper"], EVERYONE, None),
    ("body_files", "oparl:body_list", "get", lambda w: [w.body, "file"], EVERYONE, None),
    ("unknown_body", "oparl:body", "get", lambda w: ["no-such-council"], NOBODY, None),
    ("organization", "oparl:organization", "get", lambda w: [w.board.pk], EVERYONE, None),
    ("organization_meetings", "oparl:organization_meetings", "get", lambda w: [w.board.pk], EVERYONE, None),
    ("person", "oparl:person", "get", lambda w: [w.person.pk], EVERYONE, None),
    ("membership", "oparl:membership", "get", lambda w: [w.membership.pk], EVERYONE, None),
    ("published_meeting", "oparl:meeting", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("unpublished_meeting", "oparl:meeting", "get", lambda w: [w.unpublished.pk], NOBODY, None),
    ("published_item", "oparl:agendaitem", "get", lambda w: [w.pub_item.pk], EVERYONE, None),
    ("exempt_item", "oparl:agendaitem", "get", lambda w: [w.exempt_item.pk], EVERYONE, None),
    ("unpublished_item", "oparl:agendaitem", "get", lambda w: [w.unpub_item.pk], NOBODY, None),
    ("published_paper", "oparl:paper", "get", lambda w: [w.pub_report.pk], EVERYONE, None),
    ("exempt_paper", "oparl:paper", "get", lambda w: [w.exempt_report.pk], NOBODY, None),
    ("draft_paper", "oparl:paper", "get", lambda w: [w.draft.pk], NOBODY, None),
    ("submitted_paper", "oparl:paper", "get", lambda w: [w.submitted.pk], NOBODY, None),
    ("published_consultation", "oparl:consultation", "get", lambda w: [w.pub_report.pk], EVERYONE, None),
    ("exempt_consultation", "oparl:consultation", "get", lambda w: [w.exempt_report.pk], NOBODY, None),
    ("public_appendix", "oparl:file", "get", _file("appendix", "pub_attachment"), EVERYONE, None),
    ("exempt_appendix", "oparl:file", "get", _file("appendix", "exempt_attachment"), NOBODY, None),
    ("draft_appendix", "oparl:file", "get", _file("appendix", "draft_attachment"), NOBODY, None),
    ("public_appendix_access", "oparl:file_access", "get", _file("appendix", "pub_attachment"), EVERYONE, None),
    ("exempt_appendix_access", "oparl:file_access", "get", _file("appendix", "exempt_attachment"), NOBODY, None),
    ("public_appendix_download", "oparl:file_download", "get", _file("appendix", "pub_attachment"), EVERYONE, None),
    ("exempt_appendix_download", "oparl:file_download", "get", _file("appendix", "exempt_attachment"), NOBODY, None),
    ("draft_appendix_download", "oparl:file_download", "get", _file("appendix", "draft_attachment"), NOBODY, None),
    ("published_agenda_file", "oparl:file", "get", _file("agenda", "published"), EVERYONE, None),
    ("unpublished_agenda_file", "oparl:file", "get", _file("agenda", "unpublished"), NOBODY, None),
    ("published_agenda_access", "oparl:file_access", "get", _file("agenda", "published"), EVERYONE, None),
    ("unpublished_agenda_download", "oparl:file_download", "get", _file("agenda", "unpublished"), NOBODY, None),
    ("unpublished_minutes_file", "oparl:file", "get", _file("minutes", "unpublished"), NOBODY, None),
    ("location", "oparl:location", "get", lambda w: [venue_key(w.published.venue)], EVERYONE, None),
    ("legislative_term", "oparl:legislativeterm", "get", lambda w: [str(year_of(w.published.date))], EVERYONE, None),
    ("legislative_term_without_meetings", "oparl:legislativeterm", "get", lambda w: ["1990"], NOBODY, None),
    ("api_documentation", "oparl_docs", "get", lambda w: [], EVERYONE, None),
    ("openapi_description", "oparl_openapi", "get", lambda w: [], EVERYONE, None),
]

shared_matrix_world, world = world_fixture(OparlWorld)


@matrix(CASES)
def test_oparl_permission_matrix(client, world, case, role):
    check_cell(client, world, case, role)


def test_the_unpublished_venue_is_not_a_location(world, client):
    """The unpublished meeting's own venue is no OParl Location either (unless a published one shares it)."""
    world.unpublished.venue = "LKXVENUE Room"
    world.unpublished.save()
    assert client.get(f"/oparl/v1.1/location/{venue_key('LKXVENUE Room')}/").status_code == 404
    assert client.get(f"/oparl/v1.1/location/{venue_key(world.published.venue)}/").status_code == 200
