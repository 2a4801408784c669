"""A member's notes are theirs alone: another member, the clerk, the admin and the public get
nothing (not through the API, My notes, its PDF, the admin or History)."""
import json

import pytest
from django.urls import NoReverseMatch, reverse

from boards.models import Membership
from reader.models import Annotation

from tests.reader.factories import EXEMPT_MARKER, current, page_of, reader_meeting

SECRET = "ZQXMYPRIVATETHOUGHT"


@pytest.fixture
def meeting(board, clerk, member):
    return reader_meeting(board)


def _create(client, version, **body):
    response = client.post(reverse("reader:note_create", args=[version.pk]), json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["note"]


@pytest.fixture
def member_notes(meeting, client, member):
    version = current(meeting)
    client.force_login(member)
    page = page_of(version, "OFFENDINGTEXT")
    highlight = _create(client, version, kind="highlight", page=page, exact="OFFENDINGTEXT", note=SECRET)
    exempt_page = page_of(version, EXEMPT_MARKER)
    exempt = _create(client, version, kind="highlight", page=exempt_page, exact=EXEMPT_MARKER, note="On the contract")
    client.logout()
    return version, highlight, exempt


def test_member_reads_their_own_notes_on_the_pack(member_notes, client, member):
    version, highlight, _ = member_notes
    client.force_login(member)
    notes = client.get(reverse("reader:notes", args=[version.pk])).json()["notes"]
    assert {n["note"] for n in notes} == {SECRET, "On the contract"}
    assert SECRET in client.get(reverse("reader:my_notes")).content.decode()


@pytest.mark.parametrize("who", ["chair", "clerk", "admin_user", "other_member", "public_user"])
def test_nobody_else_gets_the_members_notes(member_notes, client, request, who):
    version, highlight, exempt = member_notes
    user = request.getfixturevalue(who)
    client.force_login(user)
    listing = client.get(reverse("reader:notes", args=[version.pk]))
    assert listing.status_code in (200, 403, 404)
    if listing.status_code == 200:
        assert listing.json() == {"notes": [], "unplaced": []}
    for name, args in (("reader:note_update", [highlight["id"]]), ("reader:note_delete", [highlight["id"]]),
                       ("reader:note_place", [highlight["id"], version.pk])):
        response = client.post(reverse(name, args=args), {"note": "overwritten", "page": "1", "revision": "1"})
        assert response.status_code == 404, f"{who} on {name}: {response.status_code}"
    page = client.get(reverse("reader:my_notes")).content.decode()
    assert SECRET not in page and "On the contract" not in page
    pdf = client.get(reverse("reader:my_notes_pdf"))
    assert pdf.status_code == 200 and SECRET.encode() not in b"".join(pdf.streaming_content)
    assert Annotation.objects.get(pk=highlight["id"]).note == SECRET  # nothing was changed or deleted


def test_the_public_gets_nothing(member_notes, client):
    version, highlight, _ = member_notes
    for url in (reverse("reader:notes", args=[version.pk]), reverse("reader:my_notes"), reverse("reader:my_notes_pdf")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("reader:note_update", args=[highlight["id"]]), {"note": "x"})
    assert response.status_code == 302
    assert SECRET not in client.get(reverse("reader:read", args=[current(version.pack.meeting, "public").pk])).content.decode()


def test_notes_are_not_in_the_admin_nor_in_history(member_notes, client, admin_user):
    assert not hasattr(Annotation, "history")
    with pytest.raises(NoReverseMatch):
        reverse("admin:reader_annotation_changelist")
    client.force_login(admin_user)
    assert client.get("/admin/reader/annotation/").status_code == 404
    assert SECRET not in client.get("/admin/").content.decode()


def test_a_member_who_leaves_keeps_their_notes_without_the_exempt_words(member_notes, client, member):
    version, highlight, exempt = member_notes
    Membership.objects.filter(person__user=member).update(end_date="2020-01-01")
    from boards.access import forget_roles

    forget_roles(member)
    client.force_login(member)
    assert client.get(reverse("reader:read", args=[version.pk])).status_code == 403
    assert client.get(reverse("reader:notes", args=[version.pk])).status_code == 403
    page = client.get(reverse("reader:my_notes")).content.decode()
    assert SECRET in page and "OFFENDINGTEXT" in page  # not exempt: their quote stays
    assert "On the contract" in page  # their own words stay
    assert EXEMPT_MARKER not in page
    assert "exempt paper you can no longer read" in page
    pdf = b"".join(client.get(reverse("reader:my_notes_pdf")).streaming_content)
    from tests.packs.factories import page_texts

    text = " ".join(page_texts(pdf))
    assert SECRET in text and EXEMPT_MARKER not in text and "PERSONAL" in text


def test_saving_a_note_twice_with_the_same_id_saves_it_once(meeting, client, member):
    version = current(meeting)
    client.force_login(member)
    body = {"kind": "bookmark", "page": 2, "client_id": "1b4e28ba-2fa1-41d2-883f-0016d3cca427"}
    first, second = _create(client, version, **body), _create(client, version, **body)
    assert first["id"] == second["id"] and Annotation.objects.filter(owner=member).count() == 1


def test_an_edit_made_elsewhere_in_between_keeps_both(meeting, client, member):
    version = current(meeting)
    client.force_login(member)
    note = _create(client, version, kind="page_note", page=1, note="First thought")
    url = reverse("reader:note_update", args=[note["id"]])
    assert client.post(url, {"note": "Edited on the laptop", "revision": "1"}).json()["conflict"] is None
    answer = client.post(url, {"note": "Edited offline on the tablet", "revision": "1"}).json()
    assert answer["note"]["note"] == "Edited on the laptop"
    assert answer["conflict"]["note"] == "Edited offline on the tablet"
    assert sorted(Annotation.objects.filter(owner=member).values_list("note", flat=True)) == [
        "Edited offline on the tablet", "Edited on the laptop"]


def test_saving_a_note_unchanged_changes_nothing(meeting, client, member):
    version = current(meeting)
    client.force_login(member)
    note = _create(client, version, kind="page_note", page=1, note="Same")
    client.post(reverse("reader:note_update", args=[note["id"]]), {"note": "Same", "revision": "1"})
    assert Annotation.objects.get(pk=note["id"]).revision == 1


def test_a_hostile_or_huge_note_is_refused_or_kept_as_text(meeting, client, member):
    version = current(meeting)
    client.force_login(member)
    response = client.post(reverse("reader:note_create", args=[version.pk]),
                           json.dumps({"kind": "page_note", "page": 1, "note": "x" * 20000}), content_type="application/json")
    assert response.status_code == 400 and "at most" in response.json()["error"]
    assert client.post(reverse("reader:note_create", args=[version.pk]), b"not json",
                       content_type="application/json").status_code == 400
    assert client.post(reverse("reader:note_create", args=[version.pk]),
                       {"kind": "bookmark", "page": "9999"}).status_code == 400
    _create(client, version, kind="page_note", page=1, note="<script>alert(1)</script>")
    page = client.get(reverse("reader:my_notes")).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_note_saves_in_a_few_queries(meeting, client, member, django_assert_max_num_queries):
    version = current(meeting)
    client.force_login(member)
    _create(client, version, kind="bookmark", page=1)  # warm the session
    page = page_of(version, "RISETEXT")
    # The session and the user, the version with its meeting, the member's roles, and the insert
    # (in a savepoint, so a second send of the same note is caught).
    with django_assert_max_num_queries(7):
        _create(client, version, kind="highlight", page=page, exact="RISETEXT", note="n")


def test_exempt_words_never_reach_the_public_pack_in_the_reader(member_notes, client, member):
    version, _, exempt = member_notes
    public = current(version.pack.meeting, "public")
    client.force_login(member)
    notes = client.get(reverse("reader:notes", args=[public.pk])).json()
    assert exempt["id"] not in {n["id"] for n in notes["notes"] + notes["unplaced"]}
    assert EXEMPT_MARKER not in json.dumps(notes)
    client.logout()
    for url in (reverse("reader:read", args=[public.pk]), reverse("reader:version_pdf", args=[public.pk])):
        response = client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert EXEMPT_MARKER.encode() not in body
