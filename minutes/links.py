"""Records of the apps above minutes/ that point at a resolution: an action "created by" resolution
(2) of minute 22. minutes/ may not import those apps, so each registers, in its AppConfig.ready(),
how to list the records a reader may see (the resolution's page shows them) and how to name one
(a refused removal of the resolution names what still points at it).
"""
from collections.abc import Callable

_listers: list[Callable] = []
_namers: dict[type, Callable] = {}


def register(model: type, *, lister: Callable, namer: Callable) -> None:
    """`lister(resolution, user)` → the records this user may see; `namer(record)` → "action 1.1 of …"."""
    if lister not in _listers:
        _listers.append(lister)
    _namers[model] = namer


def linked_to(resolution, user) -> list:
    """Every registered record that points at `resolution` and that `user` may see."""
    return [record for lister in _listers for record in lister(resolution, user)]


def name_of(record) -> str | None:
    """How a refusal names a record that points at a resolution; None for records no app registered."""
    namer = _namers.get(type(record))
    return namer(record) if namer else None
