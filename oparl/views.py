"""The OParl 1.1 endpoints: System → Body → the body's lists → each object, and the files.

Every view answers from the public's view of the world (`selectors`), whoever is signed in, so
the API is the same for everyone and a cache may share it.
"""
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from boards.models import Board

from . import files, places, selectors, serializers, tombstones
from .lists import apply_filters, page_of, parse_filters
from .responses import api_view, error, json_response
from .serializers import SCHEMA, Context


def _meetings_bare(council):
    return selectors.meetings(council).prefetch_related(None)


# The body's external lists: OParl name → (rows of the council, serialiser)
LISTS = {
    "organization": (selectors.organizations, serializers.organization),
    "person": (selectors.people, serializers.person),
    "membership": (selectors.memberships, serializers.membership),
    "meeting": (selectors.meetings, serializers.meeting),
    "agendaItem": (selectors.agenda_items, serializers.agenda_item),
    "paper": (selectors.papers, serializers.paper),
    "consultation": (selectors.papers, serializers.consultation),
    # In a list, the printed minutes' size and checksum are left out: each would mean rendering
    # the minutes; the File's own object carries them.
    "file": (files.all_files, serializers.file),
    "location": (lambda council: places.venues(_meetings_bare(council)), serializers.location_of_venue),
    "legislativeTerm": (lambda council: places.municipal_years(_meetings_bare(council)), serializers.legislative_term),
}


def _newest(rows):
    return max((r.oparl_modified for r in rows), default=None)


def _list_response(request, ctx: Context, rows, serialize, list_url: str, *, meetings: bool = False):
    objects, pagination, links = page_of(rows, request, list_url)
    if meetings:
        ctx.load_meeting_files(objects)
    if serialize is serializers.agenda_item:
        ctx.load_resolutions(objects)
    body = {"data": [serialize(ctx, obj) for obj in objects], "pagination": pagination, "links": links}
    return json_response(request, body, _newest(objects))


def _council(slug: str) -> str:
    council = selectors.body_for_slug(slug)
    if council is None:
        raise Http404
    return council


# System and bodies ----------------------------------------------------------------------------

def _body(ctx: Context) -> dict:
    slug = slugify(ctx.council)
    meetings = list(_meetings_bare(ctx.council))
    boards = list(selectors.organizations(ctx.council).prefetch_related(None))
    stamps = boards + meetings
    return {
        "id": ctx.body_url, "type": SCHEMA + "Body", "system": ctx.url("system"), "name": ctx.council,
        "website": ctx.web(reverse("home")),
        **{name: ctx.url("body_list", slug, name) for name in (
            "organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership")},
        "locationList": ctx.url("body_list", slug, "location"),
        "legislativeTermList": ctx.url("body_list", slug, "legislativeTerm"),
        "legislativeTerm": [serializers.legislative_term(ctx, t) for t in places.municipal_years(meetings)],
        "classification": "Local authority",
        "created": serializers.as_text(min((r.oparl_created for r in stamps), default=None)),
        "modified": serializers.as_text(_newest(stamps)),
        "web": ctx.web(reverse("home")),
    }


@api_view
def system(request):
    councils = selectors.council_names()
    bodies = [_body(Context(request, c)) for c in councils]
    ctx = Context(request, councils[0] if councils else "")
    body = {
        "id": ctx.url("system"), "type": SCHEMA + "System", "oparlVersion": SCHEMA,
        "body": ctx.url("bodies"), "name": "Quorum: council boards' meetings, papers and decisions",
        "website": ctx.web(reverse("home")), "web": ctx.web(reverse("oparl_docs")),
    }
    if bodies:
        body["created"] = min(b["created"] for b in bodies if b.get("created"))
        body["modified"] = max(b["modified"] for b in bodies if b.get("modified"))
    return json_response(request, {k: v for k, v in body.items() if v})


@api_view
def bodies(request):
    ctx = Context(request, "")
    data = [_body(Context(request, c)) for c in selectors.council_names()]
    return json_response(request, {
        "data": data,
        "pagination": {"totalElements": len(data), "elementsPerPage": max(len(data), 1), "currentPage": 1,
                       "totalPages": 1},
        "links": {"first": ctx.url("bodies"), "self": ctx.url("bodies"), "last": ctx.url("bodies")},
    })


@api_view
def body(request, slug):
    return json_response(request, _body(Context(request, _council(slug))))


# Lists that also carry deleted objects when a client asks what changed (`modified_since`).
GONE = {"meeting": tombstones.meetings_gone, "paper": tombstones.papers_gone, "file": tombstones.files_gone}


def _with_gone(request, council: str, name: str, rows, serialize):
    if name not in GONE or "modified_since" not in request.GET:
        return rows, serialize
    live = list(apply_filters(rows, parse_filters(request.GET)))
    if name == "file":
        rows = sorted(live + GONE[name](council, {e.key for e in rows}), key=lambda r: r.sort_key)
    else:
        rows = sorted(live + GONE[name](council, rows.values_list("pk", flat=True)), key=lambda r: r.pk)

    def serialize_or_stub(ctx, obj):
        if getattr(obj, "is_tombstone", False):
            return tombstones.listed(ctx, name, obj)
        return serialize(ctx, obj)
    return rows, serialize_or_stub


@api_view
def body_list(request, slug, name):
    if name not in LISTS:
        raise Http404
    ctx = Context(request, _council(slug))
    rows, serialize = LISTS[name]
    rows, serialize = _with_gone(request, ctx.council, name, rows(ctx.council), serialize)
    return _list_response(request, ctx, rows, serialize, ctx.url("body_list", slug, name),
                          meetings=name == "meeting")


@api_view
def organization_meetings(request, pk):
    board = Board.objects.filter(pk=pk).first()
    if board is None:
        raise Http404
    ctx = Context(request, board.council_name)
    rows = selectors.meetings(board.council_name).filter(board_id=pk)
    return _list_response(request, ctx, rows, serializers.meeting, ctx.url("organization_meetings", pk),
                          meetings=True)


# Objects --------------------------------------------------------------------------------------

def _one(request, pk, council_of, rows, serialize, *, tombstone=None, meetings=False):
    council = council_of(pk)
    obj = rows(council).filter(pk=pk).first() if council is not None else None
    ctx = Context(request, council or "")
    if obj is None:
        gone = tombstone(ctx, pk) if tombstone else None
        if gone is None:
            raise Http404
        return json_response(request, gone)
    if meetings:
        ctx.load_meeting_files([obj])
    if serialize is serializers.agenda_item:
        ctx.load_resolutions([obj])
    return json_response(request, serialize(ctx, obj), obj.oparl_modified)


def _council_via(lookup: str):
    """The council of the board the object hangs from (`lookup` goes from Board to the object's id)."""
    def council_of(pk):
        return Board.objects.filter(**{lookup: pk}).values_list("council_name", flat=True).first()
    return council_of


@api_view
def organization(request, pk):
    return _one(request, pk, _council_via("pk"), selectors.organizations, serializers.organization,
                tombstone=tombstones.organization)


@api_view
def person(request, pk):
    return _one(request, pk, _council_via("memberships__person_id"), selectors.people, serializers.person,
                tombstone=tombstones.person)


@api_view
def membership(request, pk):
    return _one(request, pk, _council_via("memberships__pk"), selectors.memberships, serializers.membership)


@api_view
def meeting(request, pk):
    return _one(request, pk, _council_via("meetings__pk"), selectors.meetings, serializers.meeting,
                tombstone=tombstones.meeting, meetings=True)


@api_view
def agenda_item(request, pk):
    return _one(request, pk, _council_via("meetings__items__pk"), selectors.agenda_items, serializers.agenda_item)


@api_view
def paper(request, pk):
    return _one(request, pk, _council_via("reports__pk"), selectors.papers, serializers.paper,
                tombstone=tombstones.paper)


@api_view
def consultation(request, pk):
    return _one(request, pk, _council_via("reports__pk"), selectors.papers, serializers.consultation)


def _derived(request, key, rows, serialize):
    for council in selectors.council_names():
        found = next((r for r in rows(council) if r.key == key), None)
        if found is not None:
            return json_response(request, serialize(Context(request, council), found), found.oparl_modified)
    raise Http404


@api_view
def location(request, key):
    return _derived(request, key, LISTS["location"][0], serializers.location_of_venue)


@api_view
def legislative_term(request, key):
    return _derived(request, key, LISTS["legislativeTerm"][0], serializers.legislative_term)


# Files ----------------------------------------------------------------------------------------

def _file_entry(key: str):
    council = files.council_of_key(key)
    return (files.find(council, key) if council is not None else None), council


@api_view
def file(request, key):
    entry, council = _file_entry(key)
    ctx = Context(request, council or "")
    if entry is None:
        gone = tombstones.file(ctx, key)
        if gone is None:
            raise Http404
        return json_response(request, gone)
    return json_response(request, serializers.file(ctx, entry, render=True), entry.oparl_modified)


def _serve(request, key, download: bool):
    entry, council = _file_entry(key)
    if entry is None:
        if tombstones.file(Context(request, council or ""), key) is not None:
            return error(410, "This file was public and has been withdrawn or removed.")
        raise Http404
    return files.serve(request, entry, download=download)


@api_view
def file_access(request, key):
    return _serve(request, key, download=False)


@api_view
def file_download(request, key):
    return _serve(request, key, download=True)


# For people -----------------------------------------------------------------------------------

def docs(request):
    """The API explained for people: what is served, the addresses, an example, the rules."""
    councils = selectors.council_names()
    return render(request, "oparl/docs.html", {
        "system_url": request.build_absolute_uri(reverse("oparl:system")),
        "body_url": (request.build_absolute_uri(reverse("oparl:body", args=[slugify(councils[0])]))
                     if councils else None),
        "lists": list(LISTS),
    })
