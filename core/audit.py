"""Audit in the service, not only in signals: django-simple-history records the acting user
whether the change comes from a request, a Celery task or a management command."""
import datetime
from contextlib import contextmanager


def record_user(obj, user) -> None:
    """Tell simple-history who is making the next change to `obj`."""
    obj._history_user = user if user is not None and getattr(user, "is_authenticated", False) else None


def save_audited(obj, user, **kwargs) -> None:
    """Save `obj`, recording `user` in its history."""
    record_user(obj, user)
    obj.save(**kwargs)


@contextmanager
def recorded_at(when: datetime.datetime, user=None):
    """Within the block, every History entry is dated `when` instead of now: for loaders that
    enter a record as it stood on an earlier date (the demo board's 2013 papers), so the History
    reads the date the record gives, not the day the loader ran. Entries written in bulk (the
    renumbering of a plan) bypass simple-history's signal, so they are re-dated on the way out.
    `user`, if given, is named on every entry that names nobody (a loader writing as that person)."""
    from django.utils import timezone
    from simple_history.signals import pre_create_historical_record

    started = timezone.now()
    touched = set()

    def backdate(sender, history_instance=None, **kwargs):
        history_instance.history_date = when
        if user is not None and history_instance.history_user_id is None:
            history_instance.history_user = user
        touched.add(type(history_instance))

    uid = f"recorded_at_{id(touched)}"
    pre_create_historical_record.connect(backdate, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(dispatch_uid=uid)
    for history_model in touched:
        history_model.objects.filter(history_date__gte=started).update(history_date=when)
