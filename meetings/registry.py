"""What the apps above meetings/ add to its pages, registered in their AppConfig.ready().

meetings/ may not import them. The meeting's History is one timeline of everything filed under
the meeting: meetings/ gives its own records (items, reports, appendices); minutes/ adds
attendance, declarations and minutes; packs/ adds every version of the agenda packs.
"""
from collections.abc import Callable

_history_sources: list[Callable] = []
_history_events: list[Callable] = []


def add_meeting_history(*, sources: Callable | None = None, events: Callable | None = None) -> None:
    """`sources(meeting)` → [(heading, record label, historical queryset)];
    `events(meeting)` → [(heading, record label, rows)] for what has no history table of its own."""
    if sources is not None and sources not in _history_sources:
        _history_sources.append(sources)
    if events is not None and events not in _history_events:
        _history_events.append(events)


def meeting_history_sources(meeting) -> list:
    return [source for sources in _history_sources for source in sources(meeting)]


def meeting_history_events(meeting) -> list:
    return [event for events in _history_events for event in events(meeting)]
