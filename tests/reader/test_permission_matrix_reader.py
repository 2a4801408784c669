"""The permission matrix for the pack reader and members' notes.

Reading a version follows the pack's own rule (the download's): the members' pack for the board's
members and clerks (and the admin), the public pack for everyone once the agenda is published, a
withdrawn version for the clerks only. Notes are their author's alone: another member, the clerk
and even the admin get a 404 for the member's note.
"""
from packs.models import Pack
from packs.services import pack_build
from packs.services.withdrawal import pack_version_withdraw
from reader.services import annotation_create

from tests.packs.factories import pack_meeting
from tests.matrix import EVERYONE, LOGGED_IN, check_cell, make_cast, matrix, world_fixture

MEMBERS_PACK = frozenset({"member", "clerk", "admin"})
STAFF = frozenset({"clerk", "admin"})
AUTHOR = frozenset({"member"})
BOOKMARK = {"kind": "bookmark", "page": "1"}


class ReaderWorld:
    def __init__(self, board, other_board):
        self.users = make_cast(board, other_board)
        self.meeting = pack_meeting(board)
        for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
            pack_build(meeting_id=self.meeting.pk, variant=variant)
        self.members_version = Pack.objects.get(meeting=self.meeting, variant="members").current_version
        self.public_version = Pack.objects.get(meeting=self.meeting, variant="public").current_version
        report = self.meeting.items.get(position=4).reports.get()
        report.summary = "A corrected summary."
        report.save()
        pack_build(meeting_id=self.meeting.pk, variant=Pack.Variant.PUBLIC)
        self.withdrawn_version = pack_version_withdraw(version=self.public_version, user=self.users["clerk"],
                                                       reason="Superseded")
        self.public_version = Pack.objects.get(meeting=self.meeting, variant="public").current_version
        self.note = annotation_create(user=self.users["member"], version=self.members_version, kind="page_note",
                                      page=1, note="My private thought")


# (case name, URL name, method, URL args builder, roles allowed, POST data)
CASES = [
    ("read_members_current", "reader:read_current", "get", lambda w: [w.meeting.pk, "members"], MEMBERS_PACK, None),
    ("read_public_current", "reader:read_current", "get", lambda w: [w.meeting.pk, "public"], EVERYONE, None),
    ("read_members_version", "reader:read", "get", lambda w: [w.members_version.pk], MEMBERS_PACK, None),
    ("read_public_version", "reader:read", "get", lambda w: [w.public_version.pk], EVERYONE, None),
    ("read_withdrawn_version", "reader:read", "get", lambda w: [w.withdrawn_version.pk], STAFF, None),
    ("members_version_pdf", "reader:version_pdf", "get", lambda w: [w.members_version.pk], MEMBERS_PACK, None),
    ("public_version_pdf", "reader:version_pdf", "get", lambda w: [w.public_version.pk], EVERYONE, None),
    ("withdrawn_version_pdf", "reader:version_pdf", "get", lambda w: [w.withdrawn_version.pk], STAFF, None),
    ("notes_members_version", "reader:notes", "get", lambda w: [w.members_version.pk], MEMBERS_PACK, None),
    ("notes_public_version", "reader:notes", "get", lambda w: [w.public_version.pk], LOGGED_IN, None),
    ("note_create_members", "reader:note_create", "post", lambda w: [w.members_version.pk], MEMBERS_PACK, BOOKMARK),
    ("note_create_public", "reader:note_create", "post", lambda w: [w.public_version.pk], LOGGED_IN, BOOKMARK),
    ("note_update", "reader:note_update", "post", lambda w: [w.note.pk], AUTHOR, {"note": "Changed", "revision": "1"}),
    ("note_delete", "reader:note_delete", "post", lambda w: [w.note.pk], AUTHOR, None),
    ("note_place", "reader:note_place", "post", lambda w: [w.note.pk, w.members_version.pk], AUTHOR, {"page": "2"}),
    ("my_notes", "reader:my_notes", "get", lambda w: [], LOGGED_IN, None),
    ("my_notes_pdf", "reader:my_notes_pdf", "get", lambda w: [], LOGGED_IN, None),
    ("service_worker", "reader:service_worker", "get", lambda w: [], EVERYONE, None),
]

shared_matrix_world, world = world_fixture(ReaderWorld)


@matrix(CASES)
def test_reader_permission_matrix(client, world, case, role):
    check_cell(client, world, case, role)
