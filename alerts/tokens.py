"""Signed links: confirm (valid a week) and unsubscribe (valid for as long as the subscription)."""
import hashlib

from django.core import signing

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _address(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make(subscription, salt: str) -> str:
    return signing.dumps({"s": subscription.pk, "a": _address(subscription.email)}, salt=salt, compress=True)


def read(token: str, salt: str, max_age=None):
    """The subscription the token names, or None (bad, expired, or for an address no longer held)."""
    from .models import Subscription

    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    subscription = Subscription.objects.select_related("board").filter(pk=payload.get("s")).first()
    if subscription is None or _address(subscription.email) != payload.get("a"):
        return None
    return subscription
