"""What the reader lets a device keep: the member's offline copy may keep the reader page, the
notes (checked with us whenever online) and the PDF (for a week), never in a shared cache; every
other signed-in page stays `no-store`; signing out tells the browser to clear what it kept."""
import pytest
from django.urls import reverse

from tests.reader.factories import current, reader_meeting


@pytest.fixture
def meeting(board, clerk, member):
    return reader_meeting(board, exempt=False)


def test_the_offline_copy_may_keep_the_reader_privately(meeting, client, member):
    version = current(meeting)
    client.force_login(member)
    assert client.get(reverse("reader:read", args=[version.pk]))["Cache-Control"] == "private, no-cache"
    assert client.get(reverse("reader:notes", args=[version.pk]))["Cache-Control"] == "private, no-cache"
    pdf = client.get(reverse("reader:version_pdf", args=[version.pk]))
    assert pdf["Cache-Control"] == "private, max-age=604800" and pdf["Content-Type"] == "application/pdf"
    assert client.get(reverse("reader:my_notes"))["Cache-Control"] == "private, no-store"
    assert client.get(meeting.get_absolute_url())["Cache-Control"] == "private, no-store"


def test_the_public_pack_in_the_reader_is_checked_with_us_each_time(meeting, client):
    version = current(meeting, "public")
    response = client.get(reverse("reader:version_pdf", args=[version.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "no-cache"


def test_the_service_worker_is_ours_and_controls_only_the_reader(client):
    response = client.get(reverse("reader:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/reader/"
    body = response.content.decode()
    assert "no-store" in body and "caches.delete" in body


def test_signing_out_clears_what_the_device_kept(client, member):
    client.force_login(member)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
