"""Keep the public side in step with the domain: a saved or deleted record of a domain app makes
the cached public pages stale, and a meeting's calendar SEQUENCE goes up when what its event says
changes. Connected without a sender, so records moved between domain apps stay covered."""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from public import cache
from public.calendar_entries import entry_refresh

DOMAIN_APPS = {"boards", "meetings", "minutes", "packs", "actions", "performance"}


def _is_domain_record(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return (meta is not None and meta.app_label in DOMAIN_APPS
            and not sender.__name__.startswith("Historical"))


@receiver(post_save, dispatch_uid="public_edition_on_save")
def _saved(sender, instance, raw=False, **kwargs):
    if raw or not _is_domain_record(sender):
        return
    cache.bump()
    if sender._meta.label == "meetings.Meeting":
        entry_refresh(meeting=instance)


@receiver(post_delete, dispatch_uid="public_edition_on_delete")
def _deleted(sender, instance, **kwargs):
    if _is_domain_record(sender):
        cache.bump()
