"""RSS 2.0 and Atom 1.0 feeds (Django's syndication framework): agendas published, packs
published, minutes published and decisions made, for every board and for each board.

Every item comes from the public's view: published agendas (`Meeting.objects.published()`),
public pack versions not withdrawn, `public_minutes()` and `public_resolutions()`.
"""
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from boards.models import Board
from core.formats import long_date, plain_date
from meetings.models import Meeting
from packs.models import Pack, PackVersion
from minutes.selectors import public_minutes
from public.selectors import public_resolutions

KINDS = {
    "agendas": "Agendas published",
    "packs": "Agenda packs published",
    "minutes": "Minutes published",
    "decisions": "Decisions made",
}
LIMIT = 50


class PublicFeed(Feed):
    """One class for every kind, board and format: `kind` and `board` come from the URL."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, kind, slug=None):
        if kind not in KINDS:
            raise Http404("No such feed.")
        board = get_object_or_404(Board, slug=slug) if slug else None
        return {"kind": kind, "board": board}

    def title(self, obj):
        where = obj["board"].name if obj["board"] else "All boards"
        return f"{KINDS[obj['kind']]}: {where}"

    def link(self, obj):
        if obj["kind"] == "decisions":
            url = reverse("public:decisions")
            return url + (f"?board={obj['board'].slug}" if obj["board"] else "")
        return obj["board"].get_absolute_url() if obj["board"] else reverse("public:calendar")

    def description(self, obj):
        return f"{self.title(obj)}, from the council's committee papers."

    # Items -----------------------------------------------------------------------------------
    def items(self, obj):
        return getattr(self, f"_{obj['kind']}")(obj["board"])[:LIMIT]

    def _agendas(self, board):
        qs = Meeting.objects.published().select_related("board").order_by("-agenda_published_at", "-pk")
        return qs.filter(board=board) if board else qs

    def _packs(self, board):
        qs = (PackVersion.objects.not_withdrawn()
              .filter(pack__variant=Pack.Variant.PUBLIC, pack__meeting__agenda_published_at__isnull=False)
              .select_related("pack", "pack__meeting", "pack__meeting__board").order_by("-created_at", "-pk"))
        return qs.filter(pack__meeting__board=board) if board else qs

    def _minutes(self, board):
        qs = public_minutes().select_related("meeting", "meeting__board").order_by("-published_at", "-pk")
        return qs.filter(meeting__board=board) if board else qs

    def _decisions(self, board):
        qs = (public_resolutions().filter(parent__isnull=True)
              .select_related("minute", "minute__meeting", "minute__meeting__board", "minute__meeting__minutes_record")
              .order_by("-minute__meeting__date", "-minute__number", "order"))
        return qs.filter(minute__meeting__board=board) if board else qs

    def _meeting(self, item):
        if isinstance(item, Meeting):
            return item
        if isinstance(item, PackVersion):
            return item.pack.meeting
        if hasattr(item, "minute"):
            return item.minute.meeting
        return item.meeting

    def item_title(self, item):
        meeting = self._meeting(item)
        name = f"{meeting.board.name}, {long_date(meeting.date)}"
        if isinstance(item, Meeting):
            return f"Agenda published: {name}"
        if isinstance(item, PackVersion):
            kind = "Supplementary pack" if item.pack.kind == Pack.Kind.SUPPLEMENTARY else "Agenda pack"
            return f"{kind} published: {name} (version {item.number})"
        if hasattr(item, "minute"):
            return f"Minute {item.minute.number}: {item.minute.title} ({name})"
        return f"Minutes published: {name}"

    def item_description(self, item):
        meeting = self._meeting(item)
        if hasattr(item, "minute"):
            return f"RESOLVED {item.text}"
        if isinstance(item, PackVersion):
            return f"{item.page_count} pages, {item.size // 1024} KB. Meeting at {meeting.venue}."
        if isinstance(item, Meeting):
            return f"Meeting on {long_date(meeting.date)} at {meeting.venue}."
        return f"{item.get_status_display()} minutes of the meeting held on {plain_date(meeting.date)}."

    def item_link(self, item):
        if isinstance(item, PackVersion):
            return item.get_download_url()
        if hasattr(item, "minute"):
            return reverse("public:decisions") + f"?board={item.minute.meeting.board.slug}#decision-{item.pk}"
        if isinstance(item, Meeting):
            return item.get_absolute_url()
        return reverse("meetings:minutes", args=[item.meeting_id])

    def item_guid(self, item):
        return f"{type(item).__name__.lower()}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if isinstance(item, Meeting):
            return item.agenda_published_at
        if isinstance(item, PackVersion):
            return item.created_at
        if hasattr(item, "minute"):
            record = getattr(item.minute.meeting, "minutes_record", None)
            return record.published_at if record else None
        return item.published_at

    def item_updateddate(self, item):
        return self.item_pubdate(item)

    def item_enclosure_url(self, item):
        return item.get_download_url() if isinstance(item, PackVersion) else None

    def item_enclosure_length(self, item):
        return item.size if isinstance(item, PackVersion) else None

    def item_enclosure_mime_type(self, item):
        return "application/pdf" if isinstance(item, PackVersion) else None

    def item_categories(self, item):
        return [self._meeting(item).board.name]


class PublicAtomFeed(PublicFeed):
    feed_type = Atom1Feed
    subtitle = PublicFeed.description
