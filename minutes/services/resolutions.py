"""Following resolutions up: who owns them, when they are due back, and the responses recorded.

Allowed after confirmation: only a resolution's wording is locked."""
import datetime

from django.db import transaction
from django.utils import timezone

from core.concurrency import claim_version
from meetings.models import Meeting
from minutes.models import Resolution, ResolutionResponse
from core.audit import save_audited as _save

from .editing import check_due_meeting


@transaction.atomic
def resolution_track(*, resolution: Resolution, version: int | None, user, owner=None,
                     due_meeting: Meeting | None = None, status: str) -> Resolution:
    """Set who owns a resolution, when it is due back and how far it has got (allowed after
    confirmation: only the wording is locked)."""
    check_due_meeting(resolution.minute, due_meeting)
    claim_version(resolution, version)
    resolution.owner, resolution.due_meeting, resolution.status = owner, due_meeting, status
    _save(resolution, user)
    return resolution


@transaction.atomic
def resolution_respond(*, resolution: Resolution, user, text: str, date: datetime.date | None = None,
                       status: str | None = None) -> ResolutionResponse:
    """Record a dated account of the action taken on a resolution (optionally moving its status)."""
    response = ResolutionResponse(resolution=resolution, text=text.strip(), date=date or timezone.localdate(), author=user)
    _save(response, user)
    if status and status != resolution.status:
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        resolution.status = status
        _save(resolution, user)
    elif resolution.status == Resolution.Status.OPEN:
        resolution.status = Resolution.Status.IN_PROGRESS
        _save(resolution, user, update_fields=["status"])
    return response
