"""Celery tasks of the meetings app. Each takes ids, calls one service (imported in the task: the
services import this module to enqueue) and is safe to run twice."""
from celery import shared_task
from django.db import OperationalError

from core.concurrency import database_busy


@shared_task(bind=True, acks_late=True, max_retries=20)
def send_agenda_published_notice(self, meeting_id: int) -> int:
    """E-mail every current member of the board that the agenda is out. Sends once per meeting.

    A busy database (the lock is taken before anything is sent) means try again shortly.
    """
    from meetings.services.notices import agenda_published_notice_send

    try:
        return agenda_published_notice_send(meeting_id=meeting_id)
    except OperationalError as exc:
        if not database_busy(exc):
            raise
        raise self.retry(countdown=5)


@shared_task(bind=True, acks_late=True, max_retries=20)
def send_meeting_rescheduled_notice(self, meeting_id: int) -> int:
    """E-mail the board's current members and the officers with reports on the meeting that it has
    moved, from what to what. Sends once per rescheduling."""
    from meetings.services.notices import meeting_rescheduled_notice_send

    try:
        return meeting_rescheduled_notice_send(meeting_id=meeting_id)
    except OperationalError as exc:
        if not database_busy(exc):
            raise
        raise self.retry(countdown=5)


@shared_task(acks_late=True)
def send_report_returned_notice(report_id: int) -> int:
    """E-mail a report's author that the clerk returned it, with the reason."""
    from meetings.services.notices import report_returned_notice_send

    return report_returned_notice_send(report_id=report_id)


@shared_task(acks_late=True)
def send_report_due_reminders() -> int:
    """Beat task (daily): remind authors of draft reports that are due soon or overdue."""
    from meetings.services.notices import report_due_reminders_send

    return report_due_reminders_send()
