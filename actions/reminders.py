"""Reminders to action leads: one e-mail a day to each lead whose open actions are overdue or have
had no update recently, sent by the daily beat task or by a clerk's "Send now"."""
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from actions.models import ReminderSent
from actions.selectors import actions_needing_update, next_meeting_dates
from core.formats import plain_date
from meetings.deadlines import publication_deadline


def reminders_send(*, board=None, today=None) -> int:
    """E-mail each lead the open actions they lead that are overdue or have had no recent update,
    one e-mail per lead, and never a second one to the same lead on the same day (even if the
    task and a clerk's "send now" both run). `board` limits it to that board's plans.
    Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    by_lead = actions_needing_update(today=today, board=board)
    next_dates = next_meeting_dates({a.plan.board_id for actions in by_lead.values() for a in actions}, today=today)
    sent = 0
    for person, actions in by_lead.items():
        email = person.email or (person.user.email if person.user_id else "")
        if not email:
            continue
        try:
            with transaction.atomic():
                # The unique (person, day) row is claimed first: a concurrent run fails here and skips.
                reminder = ReminderSent.objects.create(person=person, sent_on=today, action_count=len(actions),
                                                       email=email)
                reminder.actions.set(actions)
                boards = {}
                for a in actions:
                    boards.setdefault(a.plan.board, []).append(a)
                deadlines = {
                    b.pk: (plain_date(next_dates[b.pk]), plain_date(publication_deadline(next_dates[b.pk])))
                    for b in boards if b.pk in next_dates
                }
                body = render_to_string("actions/email/reminder.txt", {
                    "person": person, "actions": actions, "today": today,
                    "boards": [(b, acts, deadlines.get(b.pk)) for b, acts in boards.items()],
                    "site_url": getattr(settings, "QUORUM_SITE_URL", ""),
                    "days": settings.ACTIONS_NO_UPDATE_DAYS,
                })
                count = len(actions)
                subject = f"Quorum: {count} action{'s' if count != 1 else ''} you lead need{'s' if count == 1 else ''} an update"
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]).send()
        except IntegrityError:
            continue
        sent += 1
    return sent
