"""Correcting and withdrawing a mistaken progress entry, with a reason kept in its History."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Action, ProgressUpdate
from actions.services import _require, _save
from core.concurrency import claim_version


def _latest_update_day(action_id):
    return ProgressUpdate.objects.filter(action_id=action_id).order_by("-date").values_list("date", flat=True).first()


@transaction.atomic
def progress_update_correct(*, update: ProgressUpdate, user, text: str, date: datetime.date, reason: str,
                            version) -> ProgressUpdate:
    """Correct the entry's wording or date. Saved unchanged, nothing is written."""
    _require(user, "actions.update_action", update.action)
    text, reason = (text or "").strip(), (reason or "").strip()
    if (update.text, update.date) == (text, date):
        return update
    if not reason:
        raise ValidationError({"reason": "Say why the entry is corrected."})
    claim_version(update, version)
    update.text, update.date, update.reason = text, date, reason[:255]
    update._change_reason = f"Corrected: {reason}"[:100]
    _save(update, user)
    Action.objects.filter(pk=update.action_id).update(last_update_on=_latest_update_day(update.action_id))
    return update


@transaction.atomic
def progress_update_withdraw(*, update: ProgressUpdate, user, reason: str, version) -> ProgressUpdate:
    """Withdraw a mistaken entry: it leaves the plan, exports and new snapshots, and stays in
    History with the reason. Withdrawing twice is one withdrawal."""
    _require(user, "actions.update_action", update.action)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the entry is withdrawn."})
    row = ProgressUpdate.all_objects.select_for_update().get(pk=update.pk)
    if row.withdrawn_at is not None:
        return row
    claim_version(row, version)
    row.withdrawn_at, row.reason = timezone.now(), reason[:255]
    row._change_reason = f"Withdrawn: {reason}"[:100]
    _save(row, user)
    Action.objects.filter(pk=row.action_id).update(last_update_on=_latest_update_day(row.action_id))
    return row
