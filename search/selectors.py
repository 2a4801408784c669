"""Reads of the search index: who may read which rows, and the search itself."""
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from boards.access import board_ids_for, clerk_board_ids_for

from .backends import MARK_END, MARK_START, backend
from .models import Readers, SearchEntry

PER_PAGE = 20


def entries_visible_to(user):
    """Rows this user may read: the public's rows for everyone (built from the public selectors);
    a board's rows for those of its people the row names, the clerks' for its clerks; an author's
    own report; everything for an administrator."""
    qs = SearchEntry.objects.all()
    if user is not None and user.is_authenticated and user.is_superuser:
        return qs
    visible = Q(public=True)
    if user is not None and user.is_authenticated:
        visible |= Q(readers=Readers.BOARD, board_id__in=board_ids_for(user))
        visible |= Q(readers=Readers.MEMBERS, board_id__in=board_ids_for(user, roles="members"))
        visible |= Q(board_id__in=clerk_board_ids_for(user))
        visible |= Q(author_id=user.pk)
    return qs.filter(visible)


def marked(snippet: str) -> str:
    """The snippet, escaped, with the matched words in <mark>."""
    text = escape(snippet or "")
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@dataclass
class Filters:
    board_id: int | None = None
    year: int | None = None
    kind: str = ""


def search(user, phrase: str, filters: Filters | None = None):
    """Rows matching the phrase that this user may read, best first, filtered by board, year, kind."""
    qs = entries_visible_to(user).select_related("board", "meeting")
    filters = filters or Filters()
    if filters.board_id:
        qs = qs.filter(board_id=filters.board_id)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    phrase = (phrase or "").strip()
    if not phrase:
        return qs.none()
    return backend().search(qs.defer("body"), phrase)


# Past this many matches a results page says "More than 1,000 results" instead of counting them
# all: counting every match of a common word in ten years of papers costs more than the page.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts matches only up to COUNT_CAP (a LIMIT inside the count, without ranking or snippets);
    `capped` says there were more. Fifty pages of twenty reach every counted result."""

    capped = False

    @cached_property
    def count(self):
        found = self.object_list.order_by().values("pk")[:COUNT_CAP + 1].count()
        self.capped = found > COUNT_CAP
        return min(found, COUNT_CAP)

    @property
    def count_label(self) -> str:
        """"More than 1,000 results", "1 result", "12 results"."""
        n = self.count
        if self.capped:
            return f"More than {n:,} results"
        return f"{n:,} result{'' if n == 1 else 's'}"

    def page(self, number):
        """Rank every match but fetch only the page's rows: which twenty come first is decided on
        the index alone, then only those are joined to their board and meeting and get a snippet."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def search_page(user, phrase: str, filters: Filters, page_number):
    page = CappedPaginator(search(user, phrase, filters), PER_PAGE).get_page(page_number)
    for row in page.object_list:
        row.snippet_html = marked(row.snippet)
    return page


def years_indexed(user) -> list[int]:
    return sorted(set(entries_visible_to(user).exclude(year=None).values_list("year", flat=True)), reverse=True)
