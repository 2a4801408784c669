"""How often the subscription form may be used: per address of the sender and per e-mail address.

Counted in the database, in fixed hour-long windows, so that every web process on every machine
shares one count (a per-process cache would let each process grant its own allowance). The answer
is the same whether or not the e-mail address is subscribed, so the limit tells nobody anything
about an address; the e-mail address is counted by its hash, never stored.
"""
import hashlib
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .models import RateCount

WINDOW_SECONDS = 3600


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one use of `key` in `window`; whether it is still within `limit`. Two processes
    counting at once each add one (an UPDATE … SET count = count + 1 on one row)."""
    with transaction.atomic():
        row, _ = RateCount.objects.get_or_create(key=key, window=window)
        RateCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
        count = RateCount.objects.values_list("count", flat=True).get(pk=row.pk)
    return count <= limit


def subscription_allowed(*, ip: str, email: str) -> bool:
    """Count this request; False once either the sender or the address is over its hourly limit."""
    per_ip = getattr(settings, "ALERTS_PER_IP_PER_HOUR", 20)
    per_address = getattr(settings, "ALERTS_PER_ADDRESS_PER_HOUR", 3)
    window = int(time.time()) // WINDOW_SECONDS
    RateCount.objects.filter(window__lt=window).delete()
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    ip_ok = _hit(f"ip:{ip}"[:100], per_ip, window)
    address_ok = _hit(f"address:{address}", per_address, window)
    return ip_ok and address_ok
