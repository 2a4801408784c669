"""The permission matrix for agenda packs.

Every pack URL × every role × the packs of a published meeting (members' and public variants,
main and supplementary) and of a meeting whose agenda is not yet published. Members and clerks
get both variants; everyone who may see the meeting gets the public pack; only clerks publish.
"""
import datetime

from packs.models import Pack
from packs.services import pack_build
from packs.services.withdrawal import pack_version_withdraw

from tests.packs.factories import pack_meeting, report_for
from tests.matrix import EVERYONE, ON_BOARD, STAFF, check_cell, make_cast, matrix, world_fixture

MEMBERS_PACK = frozenset({"member", "clerk", "admin"})


class PackWorld:
    def __init__(self, board, other_board):
        self.board = board
        self.users = make_cast(board, other_board)
        self.published = pack_meeting(board)
        self.unpublished = pack_meeting(board, date=datetime.date(2031, 1, 20), published=False)
        for meeting in (self.published, self.unpublished):
            for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
                pack_build(meeting_id=meeting.pk, variant=variant)
        # Item 6 was "To follow"; its paper has arrived, so a supplementary pack is published.
        report_for(self.published.items.get(position=6), "Quarter 1 & 2 Performance", marker="LATEPAPER")
        for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
            pack_build(meeting_id=self.published.pk, variant=variant, kind=Pack.Kind.SUPPLEMENTARY)

        # An earlier public version, withdrawn by the clerk: a record for the clerks only.
        earlier = Pack.objects.get(meeting=self.published, variant=Pack.Variant.PUBLIC, kind=Pack.Kind.MAIN).current_version
        report = self.published.items.get(position=4).reports.get()
        report.summary = "A corrected summary."
        report.save()
        pack_build(meeting_id=self.published.pk, variant=Pack.Variant.PUBLIC)
        self.withdrawn_version = pack_version_withdraw(version=earlier, user=self.users["clerk"],
                                                       reason="Superseded: a summary was wrong")

        def version(meeting, variant, kind=Pack.Kind.MAIN):
            return Pack.objects.get(meeting=meeting, variant=variant, kind=kind).current_version

        self.members_version = version(self.published, Pack.Variant.MEMBERS)
        self.public_version = version(self.published, Pack.Variant.PUBLIC)
        self.unpublished_public_version = version(self.unpublished, Pack.Variant.PUBLIC)
        assert self.members_version and self.public_version and self.unpublished_public_version
        assert self.public_version.pk != self.withdrawn_version.pk
        assert version(self.published, Pack.Variant.MEMBERS, Pack.Kind.SUPPLEMENTARY) is not None


# (case name, URL name, method, URL args builder, roles allowed, POST data)
CASES = [
    ("publish_pack", "meetings:pack_publish", "post", lambda w: [w.published.pk], STAFF, None),
    ("publish_supplementary_pack", "meetings:pack_publish_supplementary", "post", lambda w: [w.published.pk], STAFF, None),
    ("pack_status_published", "meetings:pack_status", "get", lambda w: [w.published.pk], EVERYONE, None),
    ("pack_status_unpublished", "meetings:pack_status", "get", lambda w: [w.unpublished.pk], ON_BOARD, None),
    ("members_pack_published", "meetings:pack_download", "get", lambda w: [w.published.pk, "members"], MEMBERS_PACK, None),
    ("public_pack_published", "meetings:pack_download", "get", lambda w: [w.published.pk, "public"], EVERYONE, None),
    ("members_pack_unpublished", "meetings:pack_download", "get", lambda w: [w.unpublished.pk, "members"], MEMBERS_PACK, None),
    ("public_pack_unpublished", "meetings:pack_download", "get", lambda w: [w.unpublished.pk, "public"], ON_BOARD, None),
    ("members_supplementary", "meetings:pack_supplementary_download", "get", lambda w: [w.published.pk, "members"],
     MEMBERS_PACK, None),
    ("public_supplementary", "meetings:pack_supplementary_download", "get", lambda w: [w.published.pk, "public"],
     EVERYONE, None),
    ("members_version", "meetings:pack_version_download", "get", lambda w: [w.members_version.pk], MEMBERS_PACK, None),
    ("public_version", "meetings:pack_version_download", "get", lambda w: [w.public_version.pk], EVERYONE, None),
    ("public_version_unpublished", "meetings:pack_version_download", "get",
     lambda w: [w.unpublished_public_version.pk], ON_BOARD, None),
    ("withdrawn_public_version", "meetings:pack_version_download", "get", lambda w: [w.withdrawn_version.pk],
     STAFF, None),
    ("pack_versions", "meetings:pack_versions", "get", lambda w: [w.published.pk], STAFF, None),
    ("pack_version_withdraw", "meetings:pack_version_withdraw", "post", lambda w: [w.public_version.pk], STAFF,
     {"reason": "Wrong appendix"}),
]

shared_matrix_world, world = world_fixture(PackWorld)


@matrix(CASES)
def test_pack_permission_matrix(client, world, case, role):
    check_cell(client, world, case, role)
