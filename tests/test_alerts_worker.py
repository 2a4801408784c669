"""Double opt-in and unsubscribe through a real Celery worker: the form queues the confirmation,
the worker sends it; publishing the agenda queues the alert, the worker sends it with its
one-click unsubscribe link; after unsubscribing the address is gone."""
import datetime
import re
import time

import pytest
from django.urls import reverse

from alerts.models import Subscription
from meetings import services

from tests.factories import MeetingFactory
from tests.worker import output

ADDRESS = "care.leaver@example.org"


def _wait_for_mail(worker, containing: str) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        sent = "".join(p.read_text() for p in worker["mail_dir"].glob("*.log")) if worker["mail_dir"].exists() else ""
        if containing in sent:
            return sent
        if worker["process"].poll() is not None:
            pytest.fail("worker exited:\n" + output(worker))
        time.sleep(0.5)
    worker["process"].terminate()
    pytest.fail(f"the worker sent no e-mail with {containing!r} within 90 s:\n" + worker["process"].communicate()[0][-4000:])


@pytest.mark.worker
def test_subscribe_confirm_alert_and_unsubscribe_through_a_real_worker(worker, client, board, clerk):
    from django.core.cache import cache

    cache.clear()
    response = client.post(reverse("alerts:subscribe"), {"email": ADDRESS, "board": board.pk, "phrase": ""})
    assert response.status_code == 302
    sent = _wait_for_mail(worker, "Confirm your alerts: Corporate Parenting Board")
    confirm = re.search(r"http://127\.0\.0\.1:8000(/alerts/confirm/[^\s/]+/)", sent).group(1)
    assert client.post(confirm).status_code == 200
    assert Subscription.objects.get(email=ADDRESS).confirmed_at is not None

    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18))
    services.agenda_publish(meeting=meeting, user=clerk, today=datetime.date(2030, 11, 1))
    sent = _wait_for_mail(worker, "Subject: Agenda published: Corporate Parenting Board")
    alert = sent[sent.index("Subject: Agenda published: Corporate Parenting Board"):]
    assert f"http://127.0.0.1:8000{meeting.get_absolute_url()}" in alert
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in sent
    unsubscribe = re.search(r"http://127\.0\.0\.1:8000(/alerts/unsubscribe/[^\s/>]+/)", alert).group(1)
    # A mail program's one-click unsubscribe: a POST with no CSRF token.
    assert client.post(unsubscribe).status_code == 200
    assert not Subscription.objects.filter(email=ADDRESS).exists()
