"""OParl's external object lists (2.5): stable order, `data`/`pagination`/`links`, and the
`created_since`/`created_until`/`modified_since`/`modified_until` and `elementsPerPage` parameters,
kept on every page link in one canonical order."""
import math
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404
from django.utils.dateparse import parse_datetime

from .responses import BadRequest

FILTERS = (("created_since", "oparl_created", "gte"), ("created_until", "oparl_created", "lte"),
           ("modified_since", "oparl_modified", "gte"), ("modified_until", "oparl_modified", "lte"))
PER_PAGE = 100
MAX_PER_PAGE = 100


def parse_filters(params) -> dict:
    """{parameter: aware datetime} for the date filters given; a value that is not a full
    date-time with its offset is refused (OParl expects `yyyy-mm-ddThh:mm:ss±hh:mm`)."""
    found = {}
    for name, _, _ in FILTERS:
        raw = params.get(name)
        if raw is None:
            continue
        moment = parse_datetime(raw.strip().replace(" ", "+"))  # "+" arrives as a space if not encoded
        if moment is None or moment.tzinfo is None:
            raise BadRequest(f"{name} must be a date-time with its offset, e.g. 2014-01-01T00:00:00+00:00")
        found[name] = moment
    return found


def apply_filters(rows, filters: dict):
    for name, field, op in FILTERS:
        if name not in filters:
            continue
        value = filters[name]
        if isinstance(rows, QuerySet):
            rows = rows.filter(**{f"{field}__{op}": value})
        else:
            rows = [r for r in rows if (getattr(r, field) >= value if op == "gte" else getattr(r, field) <= value)]
    return rows


def _positive(params, name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest(f"{name} must be a whole number from 1")
    return int(raw)


def page_of(rows, request, list_url: str):
    """(objects on this page, the list's `pagination` and `links`)."""
    filters = parse_filters(request.GET)
    rows = apply_filters(rows, filters)
    per_page = min(_positive(request.GET, "elementsPerPage", PER_PAGE), MAX_PER_PAGE)
    number = _positive(request.GET, "page", 1)
    total = rows.count() if isinstance(rows, QuerySet) else len(rows)
    pages = max(1, math.ceil(total / per_page))
    if number > pages:
        raise Http404
    objects = list(rows[(number - 1) * per_page:number * per_page])

    kept = [(name, request.GET[name]) for name, _, _ in FILTERS if name in filters]
    if "elementsPerPage" in request.GET:
        kept.append(("elementsPerPage", str(per_page)))

    def link(n: int) -> str:
        query = kept + ([("page", str(n))] if n > 1 else [])
        return list_url + ("?" + urlencode(query) if query else "")

    links = {"first": link(1), "self": link(number), "last": link(pages)}
    if number > 1:
        links["prev"] = link(number - 1)
    if number < pages:
        links["next"] = link(number + 1)
    pagination = {"totalElements": total, "elementsPerPage": per_page, "currentPage": number, "totalPages": pages}
    return objects, pagination, links
