"""Moving the minutes models to minutes/ and the pack models to packs/ loses nothing.

The demo board (its meetings, reports, minutes, resolutions, responses, plan snapshot, indicator
values and their history) and one built agenda pack are loaded at the new head; the database is
migrated back to the migrations as they stood before the split (minutes/ and packs/ unapplied,
the moving migrations of meetings, actions and reader undone), then forward again. Every table keeps every row, byte for byte,
each way; the content types (and the permissions tied to them) belong to meetings before and to
minutes/packs after, without a duplicate; the pack's file is still there; and the pages still render.

The moving migrations only change Django's idea of where the models live, so migrating back and
forth over a database filled at the head is the same test as migrating forward from one filled
before the split (which was also done by hand on a `load_demo` database built at 5f47bc4).
"""
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from boards.models import Board
from meetings.models import Meeting
from minutes.models import MeetingMinutes, Minute, Resolution, ResolutionResponse
from packs.models import Pack, PackVersion
from packs.services import pack_build

MOVED_TO_MINUTES = {"attendance", "declaration", "interest", "meetingminutes", "minute", "minutepoint",
                    "otherattendee", "resolution", "resolutionresponse"}
MOVED_TO_PACKS = {"pack", "packversion", "renderedsection"}


# Columns that migrations after the split add: they do not exist before it, so the way back and
# forward again cannot keep what they hold. Every other column is compared.
ADDED_AFTER_THE_SPLIT = {("meetings_agendaitem", "response_introduction"),
                         ("meetings_historicalagendaitem", "response_introduction")}


def _every_table() -> dict[str, list]:
    """Each table's rows (all columns but ADDED_AFTER_THE_SPLIT), in a fixed order.
    django_content_type is compared apart: its app_label is the one thing that is meant to change."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in ("django_migrations", "django_content_type"):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            keep = [i for i, column in enumerate(cursor.description) if (table, column.name) not in ADDED_AFTER_THE_SPLIT]
            rows[table] = sorted((tuple(row[i] for i in keep) for row in cursor.fetchall()), key=repr)
    return rows


def _content_types() -> dict[int, tuple[str, str]]:
    return {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()


def _pre_split_targets():
    """The leaf migrations as they were before the split: minutes/ and packs/ not yet there."""
    return [("minutes", None), ("packs", None)]


def _head_targets():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def filled(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))
    board = Board.objects.get(slug="corporate-parenting-board")
    meeting = Meeting.objects.get(board=board, date="2013-11-18")
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC, kind=Pack.Kind.MAIN, wait=True)
    assert version is not None, "the public pack of the demo meeting builds"
    return {"board": board, "meeting": meeting, "version": version}


@pytest.mark.django_db(transaction=True)
def test_migrating_back_to_before_the_split_and_forward_again_keeps_every_row_file_and_history(filled, client):
    version = filled["version"]
    pdf_sha = hashlib.sha256(version.file.read()).hexdigest()
    version.file.close()
    # The world the test moves is not empty: minutes with their history, responses, a pack.
    assert Minute.objects.count() and Minute.history.count() and Resolution.objects.count()
    assert ResolutionResponse.objects.count() and MeetingMinutes.objects.count()
    assert PackVersion.objects.count() == 1 and PackVersion.history.count() >= 1
    assert {"actions_plansnapshot", "meetings_historicalminute", "meetings_historicalpackversion"} <= set(
        connection.introspection.table_names())

    before, types_before = _every_table(), _content_types()
    assert {model for label, model in types_before.values() if label == "minutes"} >= MOVED_TO_MINUTES
    assert {model for label, model in types_before.values() if label == "packs"} >= MOVED_TO_PACKS

    head = _head_targets()
    try:
        _migrate(_pre_split_targets())
        assert _every_table() == before
        types_then = _content_types()
        assert types_then.keys() == types_before.keys()
        assert {label for label, model in types_then.values()} & {"minutes", "packs"} == set()
        assert {model for label, model in types_then.values() if label == "meetings"} >= MOVED_TO_MINUTES | MOVED_TO_PACKS
    finally:
        _migrate(head)

    assert _every_table() == before
    assert _content_types() == types_before
    version = PackVersion.objects.get()
    assert hashlib.sha256(version.file.read()).hexdigest() == pdf_sha
    version.file.close()

    meeting = filled["meeting"]
    held = MeetingMinutes.objects.exclude(status="draft").select_related("meeting").first().meeting
    client.force_login(get_user_model().objects.get(username="clerk"))
    for url in (reverse("meetings:detail", args=[meeting.pk]), reverse("meetings:minutes", args=[held.pk]),
                reverse("meetings:minutes_edit", args=[held.pk]), reverse("meetings:response_paper", args=[meeting.pk]),
                reverse("meetings:pack_versions", args=[meeting.pk]),
                reverse("meetings:resolution_tracker", args=[filled["board"].slug])):
        assert client.get(url).status_code == 200, url
    response = client.get(reverse("meetings:pack_download", args=[meeting.pk, "public"]))
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == pdf_sha
