"""The papers other apps give the agenda pack, registered explicitly in PacksConfig.ready().

A provider takes `(meeting, public=...)` and returns the paper as a self-contained HTML fragment
(starting with its `<h1>`), or None when the meeting has no such paper:
- "minutes": the printed minutes of the meeting passed in (the pack passes the last meeting held);
- "response_to_resolutions": the "Response to Resolutions" paper the meeting receives.
A pack built with no provider for a paper leaves it out (the item's own documents are used).
"""
from collections.abc import Callable

_providers: dict[str, Callable] = {}


def register(name: str, provider: Callable) -> None:
    _providers[name] = provider


def provider(name: str) -> Callable | None:
    return _providers.get(name)
