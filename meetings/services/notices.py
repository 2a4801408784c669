"""The e-mails of the meetings app: the agenda is out, a meeting moved, a report was returned, and
the daily "report due" reminders. The Celery tasks in meetings/tasks.py call these, one each.
"""
import datetime

from django.conf import settings
from django.core.mail import EmailMessage, send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from boards.models import Membership
from core.formats import plain_date
from meetings.models import Meeting, Report, ReportReminderSent


def agenda_published_notice_send(*, meeting_id: int) -> int:
    """E-mail every current member of the board that the agenda is out. Sends once per meeting:
    the meeting row is locked before anything is sent, and marked once sent."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting_id)
        if meeting.agenda_notice_sent_at is not None or meeting.agenda_published_at is None:
            return 0
        recipients = list(
            Membership.objects.filter(board=meeting.board, role__in=Membership.MEMBER_ROLES, end_date__isnull=True)
            .exclude(person__email="")
            .values_list("person__email", flat=True)
            .distinct()
        )
        subject = f"Agenda published: {meeting}"
        body = render_to_string("meetings/email/agenda_published.txt", {"meeting": meeting})
        sent = send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients])
        Meeting.objects.filter(pk=meeting.pk).update(agenda_notice_sent_at=timezone.now())
    return sent


def meeting_rescheduled_notice_send(*, meeting_id: int) -> int:
    """E-mail the board's current members and the officers with reports on the meeting that it has
    moved, from what to what. Sends once per rescheduling."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("board").get(pk=meeting_id)
        if meeting.rescheduled_at is None or meeting.status == Meeting.Status.CANCELLED or (
                meeting.reschedule_notice_sent_at is not None
                and meeting.reschedule_notice_sent_at >= meeting.rescheduled_at):
            return 0
        members = Membership.objects.filter(board=meeting.board, role__in=Membership.MEMBER_ROLES,
                                            end_date__isnull=True).values_list("person__email", flat=True)
        officers = Report.objects.filter(agenda_item__meeting=meeting).values_list("author__email", flat=True)
        recipients = sorted({e for e in [*members, *officers] if e})
        subject = f"Meeting rescheduled: {meeting}"
        body = render_to_string("meetings/email/meeting_rescheduled.txt", {"meeting": meeting})
        sent = send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients])
        Meeting.objects.filter(pk=meeting.pk).update(reschedule_notice_sent_at=timezone.now())
    return sent


def report_returned_notice_send(*, report_id: int) -> int:
    """E-mail a report's author that the clerk returned it, with the reason."""
    report = Report.objects.select_related("author", "board").get(pk=report_id)
    if report.status != Report.Status.DRAFT or not report.return_reason or not report.author.email:
        return 0
    body = render_to_string("meetings/email/report_returned.txt", {"report": report})
    return send_mass_mail([(f"Report returned to you: {report.title}", body, settings.DEFAULT_FROM_EMAIL,
                            [report.author.email])])


def report_due_reminders_send(*, today=None) -> int:
    """E-mail the author of every draft report whose agenda item's report is due within
    settings.REPORT_DUE_REMINDER_DAYS days, or overdue: one e-mail per author per report per day,
    never a second the same day (the unique row is claimed first, so a second run skips it).
    Submitted, approved and published reports get none; nor do items of cancelled meetings.
    Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REPORT_DUE_REMINDER_DAYS)
    reports = (
        Report.objects.filter(status=Report.Status.DRAFT, agenda_item__report_due__isnull=False,
                              agenda_item__report_due__lte=horizon)
        .exclude(agenda_item__meeting__status=Meeting.Status.CANCELLED)
        .select_related("author", "board", "agenda_item", "agenda_item__meeting")
        .order_by("pk")
    )
    sent = 0
    for report in reports:
        email = report.author.email
        if not email:
            continue
        due = report.agenda_item.report_due
        overdue = due < today
        try:
            with transaction.atomic():
                ReportReminderSent.objects.create(report=report, author=report.author, sent_on=today, email=email)
                body = render_to_string("meetings/email/report_due_reminder.txt", {
                    "report": report, "item": report.agenda_item, "meeting": report.agenda_item.meeting,
                    "due": plain_date(due), "overdue": overdue,
                    "site_url": getattr(settings, "QUORUM_SITE_URL", ""),
                })
                state = "is overdue" if overdue else f"is due by {plain_date(due)}"
                subject = f"Quorum: your report “{report.title}” {state}"
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]).send()
        except IntegrityError:
            continue
        sent += 1
    return sent
