"""How often the subscription form may be used: per address of the sender and per e-mail address.

Counted in the cache (Redis when configured), in fixed windows. The answer is the same whether or
not the e-mail address is subscribed, so the limit tells nobody anything about an address.
"""
import hashlib

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _hit(key: str, limit: int) -> bool:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit


def subscription_allowed(*, ip: str, email: str) -> bool:
    """Count this request; False once either the sender or the address is over its hourly limit."""
    per_ip = getattr(settings, "ALERTS_PER_IP_PER_HOUR", 20)
    per_address = getattr(settings, "ALERTS_PER_ADDRESS_PER_HOUR", 3)
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    ip_ok = _hit(f"alerts:ip:{ip}", per_ip)
    address_ok = _hit(f"alerts:address:{address}", per_address)
    return ip_ok and address_ok
