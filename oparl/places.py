"""OParl objects Quorum has no model for, derived from the public meetings: Location (a venue)
and LegislativeTerm (a municipal year, 1 May to 30 April, the year a council's committees run)."""
import dataclasses
import datetime
import hashlib


@dataclasses.dataclass
class Venue:
    key: str
    description: str
    meeting_ids: list
    oparl_created: datetime.datetime
    oparl_modified: datetime.datetime


@dataclasses.dataclass
class MunicipalYear:
    key: str  # "2013": the year it starts
    start: datetime.date
    end: datetime.date
    oparl_created: datetime.datetime
    oparl_modified: datetime.datetime

    @property
    def name(self) -> str:
        return f"Municipal year {self.start.year}/{str(self.end.year)[-2:]}"


def venue_key(venue: str) -> str:
    """Stable while the venue's wording is: the first 12 hex digits of its SHA-1."""
    return hashlib.sha1(" ".join(venue.split()).lower().encode(), usedforsecurity=False).hexdigest()[:12]


def year_of(date: datetime.date) -> int:
    return date.year if date.month >= 5 else date.year - 1


def venues(meetings) -> list[Venue]:
    found: dict[str, Venue] = {}
    for m in meetings:
        if not m.venue.strip():
            continue
        key = venue_key(m.venue)
        v = found.setdefault(key, Venue(key, " ".join(m.venue.split()), [], m.oparl_created, m.oparl_modified))
        v.meeting_ids.append(m.pk)
        v.oparl_created = min(v.oparl_created, m.oparl_created)
        v.oparl_modified = max(v.oparl_modified, m.oparl_modified)
    return sorted(found.values(), key=lambda v: (min(v.meeting_ids), v.key))


def municipal_years(meetings) -> list[MunicipalYear]:
    found: dict[int, MunicipalYear] = {}
    for m in meetings:
        y = year_of(m.date)
        term = found.setdefault(y, MunicipalYear(str(y), datetime.date(y, 5, 1), datetime.date(y + 1, 4, 30),
                                                 m.oparl_created, m.oparl_modified))
        term.oparl_created = min(term.oparl_created, m.oparl_created)
        term.oparl_modified = max(term.oparl_modified, m.oparl_modified)
    return [found[y] for y in sorted(found)]
