"""Publishing twice does nothing harmful: a second Publish agenda keeps the publication time and
sends no second e-mail; Publish pack pressed again while a render waits queues nothing more, and
pressed during a render asks for one more render, once."""
import pytest

from meetings.models import Meeting
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr("packs.tasks.pack_render.delay", lambda *args: calls.append(args))
    return calls


def _press(client, meeting, capture):
    with capture(execute=True):
        return client.post(f"/meetings/{meeting.pk}/pack/publish/")


def test_publish_agenda_twice_keeps_the_first_publication_and_sends_one_notice(
        board, clerk, client, monkeypatch, django_capture_on_commit_callbacks):
    meeting = pack_meeting(board, published=False)
    notices = []
    monkeypatch.setattr("meetings.tasks.send_agenda_published_notice.delay", lambda *args: notices.append(args))
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/meetings/{meeting.pk}/publish/", {})
    published_at = Meeting.objects.get(pk=meeting.pk).agenda_published_at
    version = Meeting.objects.get(pk=meeting.pk).version
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(f"/meetings/{meeting.pk}/publish/", {}, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "Agenda published" in second.content.decode()
    meeting.refresh_from_db()
    assert meeting.agenda_published_at == published_at
    assert meeting.version == version
    assert notices == [(meeting.pk,)]


def test_publish_pack_again_while_it_waits_queues_nothing_more(board, clerk, client, queued,
                                                                 django_capture_on_commit_callbacks):
    meeting = pack_meeting(board)
    client.force_login(clerk)
    for _ in range(5):
        assert _press(client, meeting, django_capture_on_commit_callbacks).status_code == 302
    assert sorted(queued) == [(meeting.pk, "members", "main"), (meeting.pk, "public", "main")]
    assert {(p.variant, p.state, p.requested) for p in Pack.objects.filter(meeting=meeting)} == {
        ("members", "queued", 1), ("public", "queued", 1)}


def test_publish_pack_during_a_render_asks_for_one_more_render_once(board, clerk, client, queued,
                                                                    django_capture_on_commit_callbacks):
    meeting = pack_meeting(board)
    client.force_login(clerk)
    _press(client, meeting, django_capture_on_commit_callbacks)
    Pack.objects.filter(meeting=meeting).update(state=Pack.State.RENDERING)  # the worker took both
    queued.clear()
    for _ in range(3):
        _press(client, meeting, django_capture_on_commit_callbacks)
    assert sorted(queued) == [(meeting.pk, "members", "main"), (meeting.pk, "public", "main")]
    assert {(p.variant, p.state, p.requested, p.built) for p in Pack.objects.filter(meeting=meeting)} == {
        ("members", "queued", 2, 0), ("public", "queued", 2, 0)}


def test_a_task_whose_request_was_already_built_does_nothing(board, clerk):
    meeting = pack_meeting(board)
    first = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    Pack.objects.filter(pk=first.pack_id).update(requested=1, built=1, state=Pack.State.READY)
    started_at = Pack.objects.get(pk=first.pack_id).started_at
    again = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC, wait=False, only_if_asked=True)
    assert again == first
    pack = Pack.objects.get(pk=first.pack_id)
    assert (pack.state, pack.started_at) == (Pack.State.READY, started_at)
    assert pack.versions.count() == 1
