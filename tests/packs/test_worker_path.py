"""The worker path: publishing queues the members' notice, and a real Celery worker sends it.

The worker is the shared `worker` fixture (tests/worker.py).
"""
import datetime
import time

import pytest

from boards.models import Membership
from meetings import services
from meetings.models import Meeting

from tests.factories import MeetingFactory, user_with_role
from tests.worker import output


@pytest.mark.worker
def test_publishing_sends_members_notice_through_a_real_worker(worker, board, clerk):
    member = user_with_role(board, Membership.Role.MEMBER, "councillor")
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18))

    services.agenda_publish(meeting=meeting, user=clerk, today=datetime.date(2030, 11, 1))

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        meeting.refresh_from_db()
        if meeting.agenda_notice_sent_at is not None:
            break
        if worker["process"].poll() is not None:
            pytest.fail("worker exited:\n" + output(worker))
        time.sleep(0.5)
    else:
        worker["process"].terminate()
        pytest.fail("the worker did not send the notice within 90 s:\n" + output(worker))

    sent = "".join(p.read_text() for p in worker["mail_dir"].glob("*.log"))
    assert member.email in sent
    assert "Agenda published: Corporate Parenting Board" in sent
    assert Meeting.objects.get(pk=meeting.pk).agenda_notice_sent_at is not None
