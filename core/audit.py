"""Audit in the service, not only in signals: django-simple-history records the acting user
whether the change comes from a request, a Celery task or a management command."""


def record_user(obj, user) -> None:
    """Tell simple-history who is making the next change to `obj`."""
    obj._history_user = user if user is not None and getattr(user, "is_authenticated", False) else None


def save_audited(obj, user, **kwargs) -> None:
    """Save `obj`, recording `user` in its history."""
    record_user(obj, user)
    obj.save(**kwargs)
