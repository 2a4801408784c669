"""Keeps the index up to date whatever saves the models: services, admin, commands, the shell.

The domain apps know nothing of search: their models' saves and deletes are the signals. Rows
are rebuilt in the same transaction as the save, so a withdrawal or an item made exempt leaves no
stale public row behind for even a moment. Reading text out of a stored file is slow, so that
is a Celery task, queued when the transaction commits.
"""
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from meetings.models import AgendaItem, Attachment, Meeting, Report
from minutes.models import MeetingMinutes, Minute, MinutePoint, Resolution
from packs.models import Pack, PackVersion

from . import indexing
from .models import DocumentText, SearchEntry


def _drop(group: str) -> None:
    SearchEntry.objects.filter(group=group).delete()


def _queue_text(kind: str, pk: int, sha256: str) -> None:
    if not sha256 or DocumentText.objects.filter(sha256=sha256).exists():
        return
    from .tasks import extract_document_text

    transaction.on_commit(lambda: extract_document_text.delay(kind, pk))


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if sender is Meeting:
        indexing.reindex_meeting(instance.pk)
    elif sender is AgendaItem:
        indexing.reindex_items([instance.pk])
        indexing.reindex_reports(list(instance.reports.values_list("pk", flat=True)))
        indexing.reindex_minutes(list(Minute.objects.filter(agenda_item=instance).values_list("pk", flat=True)))
    elif sender is Report:
        indexing.reindex_reports([instance.pk])
    elif sender is Attachment:
        indexing.reindex_reports([instance.report_id])
        _queue_text("attachment", instance.pk, instance.sha256)
    elif sender is MeetingMinutes:
        indexing.reindex_minutes(list(Minute.objects.filter(meeting_id=instance.meeting_id).values_list("pk", flat=True)))
    elif sender is Minute:
        indexing.reindex_minutes([instance.pk])
    elif sender in (MinutePoint, Resolution):
        indexing.reindex_minutes([instance.minute_id])
    elif sender is Pack:
        indexing.reindex_packs([instance.pk])
    elif sender is PackVersion:
        indexing.reindex_packs([instance.pack_id])
        _queue_text("pack", instance.pk, instance.sha256)


def _before_delete(sender, instance, **kwargs):
    # An item's reports are left on no agenda (SET_NULL, no signal): remember them to reindex.
    instance._search_reports = list(instance.reports.values_list("pk", flat=True))


def _deleted(sender, instance, **kwargs):
    if sender is AgendaItem:
        _drop(f"item:{instance.pk}")
        indexing.reindex_reports(instance._search_reports)
    elif sender is Report:
        _drop(f"report:{instance.pk}")
    elif sender is Attachment:
        indexing.reindex_reports([instance.report_id])
    elif sender is Minute:
        _drop(f"minute:{instance.pk}")
    elif sender in (MinutePoint, Resolution):
        indexing.reindex_minutes([instance.minute_id])
    elif sender is MeetingMinutes:
        indexing.reindex_minutes(list(Minute.objects.filter(meeting_id=instance.meeting_id).values_list("pk", flat=True)))


WATCHED = (Meeting, AgendaItem, Report, Attachment, MeetingMinutes, Minute, MinutePoint, Resolution, Pack, PackVersion)


def connect():
    for model in WATCHED:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    for model in (AgendaItem, Report, Attachment, Minute, MinutePoint, Resolution, MeetingMinutes):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    pre_delete.connect(_before_delete, sender=AgendaItem, dispatch_uid="search-before-delete-AgendaItem")
