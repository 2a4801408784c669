"""E-mail alerts without an account: double opt-in, one-click unsubscribe, a rate-limited form
that never says whether an address is subscribed, and board alerts only about what is public."""
import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from alerts import services
from alerts.models import AlertSent, Subscription
from meetings import services as meeting_services
from meetings.models import Meeting

from tests.factories import MeetingFactory

ADDRESS = "resident@example.org"


@pytest.fixture(autouse=True)
def _tasks_run_here(monkeypatch):
    """The worker's part, run in the test (tests marked `worker` use a real one)."""
    cache.clear()
    for name in ("send_confirmation", "send_board_alert", "send_phrase_alerts"):
        task = getattr(__import__("alerts.tasks", fromlist=[name]), name)
        monkeypatch.setattr(task, "delay", lambda *args, task=task: task.apply(args=args))


def _subscribe(client, capture, **data):
    with capture(execute=True):
        return client.post(reverse("alerts:subscribe"), {"email": ADDRESS, "board": "", "phrase": "", **data})


def _link(message, name):
    return re.search(rf"https?://[^\s]+/alerts/{name}/[^\s/]+/", message.body).group(0)


def test_double_opt_in_then_one_click_unsubscribe(client, board, clerk, django_capture_on_commit_callbacks):
    response = _subscribe(client, django_capture_on_commit_callbacks, board=board.pk)
    assert response.status_code == 302 and response["Location"] == reverse("alerts:check_email")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ADDRESS]
    confirmation = mail.outbox[0]
    assert "Confirm your alerts: Corporate Parenting Board" == confirmation.subject
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None

    # Nothing but the confirmation is sent before confirming.
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18))
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.agenda_publish(meeting=meeting, user=clerk, today=datetime.date(2030, 11, 1))
    assert len(mail.outbox) == 1

    confirm_path = _link(confirmation, "confirm").split("8000", 1)[1]
    page = client.get(confirm_path)
    assert page.status_code == 200 and ADDRESS not in page.content.decode()
    assert client.post(confirm_path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_cancel(meeting=Meeting.objects.get(pk=meeting.pk), reason="No quorum", user=clerk)
    alert = mail.outbox[-1]
    assert alert.subject.startswith("Meeting cancelled: Corporate Parenting Board")
    assert f"http://127.0.0.1:8000{meeting.get_absolute_url()}" in alert.body
    unsubscribe = _link(alert, "unsubscribe")
    assert alert.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"

    page = client.get(unsubscribe.split("8000", 1)[1])
    assert page.status_code == 200 and "You are unsubscribed" in page.content.decode()
    assert not Subscription.objects.exists()
    assert ADDRESS not in page.content.decode()


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client, board, django_capture_on_commit_callbacks):
    first = _subscribe(client, django_capture_on_commit_callbacks, board=board.pk)
    Subscription.objects.update(confirmed_at=timezone.now())
    again = _subscribe(client, django_capture_on_commit_callbacks, board=board.pk)
    stranger = _subscribe(client, django_capture_on_commit_callbacks, board=board.pk, email="other@example.org")
    assert first["Location"] == again["Location"] == stranger["Location"]
    page = client.get(first["Location"]).content.decode()
    assert ADDRESS not in page and "other@example.org" not in page
    # The confirmed subscriber is not sent another confirmation; the stranger is.
    assert [m.to for m in mail.outbox] == [[ADDRESS], ["other@example.org"]]


def test_the_form_is_rate_limited_per_address_and_per_sender(client, board, settings, django_capture_on_commit_callbacks):
    settings.ALERTS_PER_ADDRESS_PER_HOUR = 2
    settings.ALERTS_PER_IP_PER_HOUR = 4
    codes = [_subscribe(client, django_capture_on_commit_callbacks, phrase=f"fostering {n}").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    codes = [_subscribe(client, django_capture_on_commit_callbacks, phrase="kinship", email=f"p{n}@example.org").status_code
             for n in range(3)]
    assert codes == [302, 429, 429]  # the sender's fourth and later requests


def test_the_limit_holds_across_web_processes_whatever_the_cache(client, board, settings,
                                                                 django_capture_on_commit_callbacks):
    """Each request served by another process with its own, empty cache (the embedded default has
    no shared cache): the count is the database's, so the third request is still refused."""
    settings.ALERTS_PER_ADDRESS_PER_HOUR = 2
    codes = []
    for n in range(3):
        cache.clear()  # another process: nothing remembered locally
        codes.append(_subscribe(client, django_capture_on_commit_callbacks, phrase=f"adoption {n}").status_code)
    assert codes == [302, 302, 429]
    assert Subscription.objects.filter(email=ADDRESS).count() == 2


def test_a_form_without_a_board_or_words_says_what_is_missing(client, db):
    response = client.post(reverse("alerts:subscribe"), {"email": ADDRESS})
    assert "Choose a board, or type the words" in response.content.decode()
    assert not Subscription.objects.exists()


def test_bad_or_expired_links_do_nothing(client, board):
    subscription = Subscription.objects.create(email=ADDRESS, board=board)
    assert client.get(reverse("alerts:confirm", args=["nonsense"])).status_code == 404
    assert client.get(reverse("alerts:unsubscribe", args=["nonsense"])).status_code == 200
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_board_alerts_say_nothing_of_meetings_not_published(board, clerk):
    subscription = Subscription.objects.create(email=ADDRESS, board=board, confirmed_at=timezone.now())
    hidden = MeetingFactory(board=board, date=datetime.date(2030, 12, 2), venue="ZQHIDDENVENUE")
    hidden.status = Meeting.Status.CANCELLED
    hidden.save()
    for event in services.BOARD_EVENTS:
        assert services.board_alert_send(event=event, object_id=hidden.pk) == 0
    assert not mail.outbox
    published = MeetingFactory(board=board, date=datetime.date(2030, 12, 9), agenda_published_at=timezone.now())
    assert services.board_alert_send(event="agenda_published", object_id=published.pk) == 1
    assert services.board_alert_send(event="agenda_published", object_id=published.pk) == 0  # once only
    assert AlertSent.objects.filter(subscription=subscription).count() == 1
    assert "ZQHIDDENVENUE" not in mail.outbox[0].body
