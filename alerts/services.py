"""Writes and sends of the alerts app. Every e-mail carries a one-click unsubscribe link (in the
body and as List-Unsubscribe / List-Unsubscribe-Post headers) and the link to what changed.

What an alert says comes from the public's view only: a board's alerts are about published
meetings (their agenda, public packs, published minutes); a phrase's alerts are the results of
the search service for a reader who is not signed in.
"""
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from boards.models import Board
from meetings.models import Meeting
from packs.models import PackVersion
from minutes.selectors import public_minutes
from search.selectors import Filters, search

from . import tokens
from .models import AlertSent, Subscription

RESEND_AFTER_SECONDS = 600
MAX_DOCUMENTS_PER_ALERT = 10


def site_url(path: str) -> str:
    return getattr(settings, "QUORUM_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def unsubscribe_url(subscription) -> str:
    return site_url(reverse("alerts:unsubscribe", args=[tokens.make(subscription, tokens.UNSUBSCRIBE_SALT)]))


def _send(subscription: Subscription, subject: str, template: str, context: dict) -> None:
    unsubscribe = unsubscribe_url(subscription)
    body = render_to_string(template, {**context, "subscription": subscription, "unsubscribe_url": unsubscribe})
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email], headers={
        "List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }).send()


def subscription_request(*, email: str, board: Board | None = None, phrase: str = "") -> list[int]:
    """Ask for alerts: a new (or not yet confirmed) subscription gets a confirmation to send; one
    already confirmed is left alone. Returns the ids whose confirmation should be sent."""
    email, phrase = email.strip().lower(), " ".join(phrase.split())
    wanted = ([{"board": board}] if board else []) + ([{"phrase": phrase}] if phrase else [])
    to_confirm = []
    now = timezone.now()
    for what in wanted:
        with transaction.atomic():
            lookup = {"email": email, **what}
            try:
                with transaction.atomic():
                    subscription, _ = Subscription.objects.get_or_create(**lookup)
            except IntegrityError:  # the same request twice at once
                subscription = Subscription.objects.get(**lookup)
            subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
            if subscription.confirmed_at is not None:
                continue
            sent = subscription.confirmation_sent_at
            if sent is not None and (now - sent).total_seconds() < RESEND_AFTER_SECONDS:
                continue
            subscription.confirmation_sent_at = now
            subscription.save(update_fields=["confirmation_sent_at"])
            to_confirm.append(subscription.pk)
    return to_confirm


def confirmation_send(*, subscription_id: int) -> bool:
    subscription = Subscription.objects.select_related("board").filter(pk=subscription_id).first()
    if subscription is None or subscription.confirmed_at is not None:
        return False
    confirm = site_url(reverse("alerts:confirm", args=[tokens.make(subscription, tokens.CONFIRM_SALT)]))
    _send(subscription, f"Confirm your alerts: {subscription.subject}", "alerts/email/confirm.txt",
          {"confirm_url": confirm})
    return True


def subscription_confirm(*, subscription: Subscription) -> Subscription:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_cancel(*, subscription: Subscription) -> None:
    """Unsubscribe: the row and the address with it are deleted."""
    subscription.delete()


# Board alerts --------------------------------------------------------------------------------

BOARD_EVENTS = {
    "agenda_published": "Agenda published",
    "supplementary_pack": "Supplementary agenda pack published",
    "minutes_published": "Minutes published",
    "meeting_cancelled": "Meeting cancelled",
    "meeting_moved": "Meeting moved",
}


def _public_event(event: str, object_id: int):
    """(meeting, link) if the event is about something the public may see; else None."""
    if event == "supplementary_pack":
        version = PackVersion.objects.select_related("pack__meeting__board").filter(pk=object_id).first()
        if (version is None or version.is_withdrawn or version.pack.variant != "public"
                or version.pack.meeting.agenda_published_at is None):
            return None
        return version.pack.meeting, version.get_download_url()
    meeting = Meeting.objects.select_related("board").filter(pk=object_id).first()
    if meeting is None or meeting.agenda_published_at is None:
        return None
    if event == "minutes_published":
        if not public_minutes().filter(meeting_id=meeting.pk).exists():
            return None
        return meeting, reverse("meetings:minutes", args=[meeting.pk])
    if event == "meeting_cancelled" and meeting.status != Meeting.Status.CANCELLED:
        return None
    if event == "meeting_moved" and meeting.rescheduled_at is None:
        return None
    return meeting, meeting.get_absolute_url()


def board_alert_send(*, event: str, object_id: int, stamp: str = "") -> int:
    """E-mail the board's confirmed subscribers about one public event, once each."""
    found = _public_event(event, object_id)
    if found is None:
        return 0
    meeting, link = found
    key = f"{event}:{object_id}:{stamp}"[:120]
    sent = 0
    for subscription in Subscription.objects.filter(board_id=meeting.board_id, confirmed_at__isnull=False):
        try:
            with transaction.atomic():
                AlertSent.objects.create(subscription=subscription, key=key)
                _send(subscription, f"{BOARD_EVENTS[event]}: {meeting}", "alerts/email/board_event.txt",
                      {"event": BOARD_EVENTS[event], "meeting": meeting, "link": site_url(link)})
        except IntegrityError:
            continue
        sent += 1
    return sent


# Phrase alerts -------------------------------------------------------------------------------

def phrase_alerts_send() -> int:
    """E-mail each confirmed phrase subscriber the public documents that match it and became public
    since they confirmed, each document once."""
    sent = 0
    for subscription in Subscription.objects.filter(confirmed_at__isnull=False).exclude(phrase=""):
        rows = search(AnonymousUser(), subscription.phrase, Filters()).filter(
            published_at__gt=subscription.confirmed_at)
        done = set(subscription.sent.values_list("key", flat=True))
        documents = {}
        for row in rows[:200]:
            key = f"doc:{row.url.split('#')[0]}"[:120]
            if key not in done and key not in documents:
                documents[key] = row
        if not documents:
            continue
        chosen = list(documents.items())[:MAX_DOCUMENTS_PER_ALERT]
        try:
            with transaction.atomic():
                AlertSent.objects.bulk_create([AlertSent(subscription=subscription, key=k) for k, _ in chosen])
                _send(subscription, f"New documents matching “{subscription.phrase}”", "alerts/email/phrase.txt",
                      {"documents": [{"label": row.label, "board": row.board.name, "link": site_url(row.url)}
                                     for _, row in chosen]})
        except IntegrityError:
            continue
        sent += 1
    return sent
