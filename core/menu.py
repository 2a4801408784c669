"""The main menu: each app registers its entries (in `AppConfig.ready()`), each with a test of
whether the signed-in person's roles give them that list. A lower app never needs to know which
higher apps exist, and the menu shows each person only what their roles give them."""
from dataclasses import dataclass
from typing import Callable

from django.db.models import CharField, Value
from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    order: int
    shown_to: Callable  # (user) -> bool, from the roles (no query); asked only for signed-in users unless `public`
    public: bool = False
    # (user) -> queryset of the records that also give the entry (reports written, actions led);
    # the evidence of every entry is read in one query.
    evidence: Callable | None = None


_ENTRIES: dict[str, MenuEntry] = {}


def register(*, label: str, url_name: str, order: int, shown_to: Callable, public: bool = False,
             evidence: Callable | None = None) -> None:
    _ENTRIES[url_name] = MenuEntry(label, url_name, order, shown_to, public, evidence)


def _evidenced(entries, user) -> set[str]:
    """The url names of `entries` for which the user holds records, in one UNION query."""
    queries = [e.evidence(user).order_by().values_list(Value(e.url_name, output_field=CharField())) for e in entries]
    if not queries:
        return set()
    return {row[0] for row in queries[0].union(*queries[1:])}


def entries_for(user) -> list[dict]:
    signed_in = bool(user and user.is_authenticated)
    candidates = [e for e in sorted(_ENTRIES.values(), key=lambda e: e.order) if signed_in or e.public]
    shown = {e.url_name for e in candidates if e.shown_to(user)}
    shown |= _evidenced([e for e in candidates if e.url_name not in shown and e.evidence], user)
    return [{"label": e.label, "url": reverse(e.url_name)} for e in candidates if e.url_name in shown]


def menu(request):
    """Context processor: `main_menu`, worked out once per request, only when a template asks."""
    cache = {}

    def lazy():
        if "menu" not in cache:
            cache["menu"] = entries_for(getattr(request, "user", None))
        return cache["menu"]

    return {"main_menu": _Lazy(lazy)}


class _Lazy:
    def __init__(self, build):
        self._build = build

    def __iter__(self):
        return iter(self._build())

    def __bool__(self):
        return bool(self._build())
