"""Who gets which pack: members and clerks both, everyone else the public one (once published)."""
import pytest

from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting


@pytest.fixture
def meeting(board, clerk):
    meeting = pack_meeting(board)
    for variant in Pack.Variant:
        pack_build(meeting_id=meeting.pk, variant=variant)
    return meeting


@pytest.mark.parametrize("who, members, public", [
    ("clerk", 200, 200), ("member", 200, 200), ("chair", 200, 200), ("officer", 403, 200),
    ("other_member", 403, 200), ("other_clerk", 403, 200), ("public_user", 403, 200), ("admin_user", 200, 200),
])
def test_downloads_by_role(meeting, client, request, who, members, public):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/meetings/{meeting.pk}/pack/members.pdf").status_code == members
    response = client.get(f"/meetings/{meeting.pk}/pack/public.pdf")
    assert response.status_code == public
    assert response["Content-Type"] == "application/pdf"


def test_anonymous_visitor_gets_the_public_pack_only(meeting, client):
    assert client.get(f"/meetings/{meeting.pk}/pack/public.pdf").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/pack/members.pdf").status_code == 404
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Download the public pack" in page
    assert "Download the members' pack" not in page.replace("&#x27;", "'")
    assert "Publish pack" not in page


def test_unpublished_meeting_pack_is_not_public(board, clerk, client):
    meeting = pack_meeting(board, published=False)
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    assert client.get(f"/meetings/{meeting.pk}/pack/public.pdf").status_code == 404


def test_dated_versions_follow_the_same_rules(meeting, client, member, officer):
    members_version = Pack.objects.get(meeting=meeting, variant="members").current_version
    client.force_login(officer)
    assert client.get(f"/packs/versions/{members_version.pk}.pdf").status_code == 403
    client.force_login(member)
    assert client.get(f"/packs/versions/{members_version.pk}.pdf").status_code == 200


@pytest.mark.parametrize("who, status", [("clerk", 302), ("member", 403), ("officer", 403), ("other_clerk", 403)])
def test_only_clerks_publish_the_pack(board, client, request, who, status, django_capture_on_commit_callbacks,
                                      monkeypatch, clerk):
    meeting = pack_meeting(board)
    queued = []
    monkeypatch.setattr("packs.tasks.pack_render.delay", lambda *args: queued.append(args))
    client.force_login(request.getfixturevalue(who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/meetings/{meeting.pk}/pack/publish/")
    assert response.status_code == status
    if status == 302:
        assert sorted(queued) == [(meeting.pk, "members", "main"), (meeting.pk, "public", "main")]
        assert set(Pack.objects.filter(meeting=meeting).values_list("state", flat=True)) == {"queued"}
    else:
        assert queued == []


def test_status_partial_polls_while_rendering_and_stops_when_ready(meeting, client, clerk):
    client.force_login(clerk)
    Pack.objects.filter(meeting=meeting, variant="members").update(state="rendering", progress_done=4, progress_total=9)
    html = client.get(f"/meetings/{meeting.pk}/pack/status/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "rendering, section 4 of 9" in html
    Pack.objects.filter(meeting=meeting).update(state="ready")
    html = client.get(f"/meetings/{meeting.pk}/pack/status/").content.decode()
    assert "every 2s" not in html  # the poll stops; it asks once for the staleness check
    assert f'hx-get="/meetings/{meeting.pk}/pack/status/?staleness=1" hx-trigger="load"' in html
    assert "ready" in html
    html = client.get(f"/meetings/{meeting.pk}/pack/status/?staleness=1").content.decode()
    assert "hx-trigger" not in html
    assert "ready" in html


def test_meeting_page_query_count_does_not_grow_with_packs(meeting, client, clerk, django_assert_max_num_queries):
    client.force_login(clerk)
    with django_assert_max_num_queries(60):
        assert client.get(meeting.get_absolute_url()).status_code == 200
