"""The minutes side's papers, for the agenda pack and for printing.

The pack renderer calls the two `*_html` functions and places the fragments in a
meeting's pack: the previous meeting's minutes under the "Minutes" item ("for confirmation"),
and the response-to-resolutions paper where the clerk puts it. Both fragments are
self-contained: their CSS is inline, they reference no external file, image or font, and they
start with an `<h1>` that the pack may use as its bookmark.
"""
from collections.abc import Callable

from django.template.loader import render_to_string

from core.pdf import render_html
from meetings.models import Meeting
from minutes import selectors as sel


def minutes_paper_html(meeting: Meeting, public: bool = False) -> str:
    """The printed minutes of `meeting` as a self-contained HTML fragment (a `<section>`).

    As the council prints them: "NOTTINGHAM CITY COUNCIL / CORPORATE PARENTING BOARD", the heading
    "MINUTES of the meeting held at <venue> on 23 SEPTEMBER 2013 from 3.00 pm to 4.11 pm", the
    members with ✓ for present, their roles and any partial attendance, "✓ indicates present at
    meeting", the others in attendance, then every minute with its lettered points, sub-points
    and RESOLVED block. Draft minutes carry a "Draft – for confirmation" line. `public`: exempt
    minutes show only their number, title and Schedule 12A paragraph.
    """
    meeting = sel.meeting_for_minutes(meeting.pk)
    return render_to_string("minutes/_minutes_paper.html", sel.printed_minutes(meeting, public=public))


def response_to_resolutions_html(meeting: Meeting, public: bool = False) -> str | None:
    """The "Response to Resolutions" paper that `meeting` receives, as an HTML fragment, or None.

    It quotes, with its number, every resolution due back at `meeting` (and no other), grouped by the meeting that made it, each followed by the
    dated responses recorded since. None when no resolution is due back at this meeting.
    """
    papers = sel.response_paper(meeting, public=public)
    if not papers:
        return None
    # The clerk's introduction, from the item that carries the paper (none from an exempt one in public).
    carrier = meeting.items.filter(carries_response_paper=True).order_by("position").first()
    introduction = carrier.response_introduction.strip() if carrier and not (public and carrier.is_exempt) else ""
    return render_to_string("minutes/_response_paper.html",
                            {"meeting": meeting, "papers": papers, "introduction": introduction})


def minutes_pdf_html(meeting: Meeting, public: bool = False) -> str:
    """The whole HTML document the printed-minutes PDF is rendered from."""
    return render_to_string("minutes/pdf.html",
                            {"fragment": minutes_paper_html(meeting, public=public), "meeting": meeting})


def minutes_pdf_bytes(meeting: Meeting, public: bool = False) -> bytes:
    """The printed minutes as an A4 PDF, tagged PDF/UA-1 (the 2018 accessibility regulations
    cover published minutes too), rendered by the one renderer that fetches nothing from outside.

    Rendering takes WeasyPrint a second or more, and anyone may ask for published minutes, so the
    PDF is kept in the pack's section cache keyed by a hash of exactly the HTML it is rendered
    from: the same minutes are rendered once; any change to what they print (a point, an
    attendance tick, exempt or not, public or members' version) gives new HTML, so a new PDF.
    """
    html = minutes_pdf_html(meeting, public=public)
    label = f"Printed minutes, {meeting} ({'public' if public else 'members'})"
    if _pdf_cache is None:
        return render_html(html).pdf
    return _pdf_cache(html, key_prefix="printed-minutes", label=label)


# The section cache belongs to packs/, above this app: PacksConfig.ready() lends it with
# `use_pdf_cache(cached_render)`. Without it (packs/ not installed) each PDF is rendered afresh.
_pdf_cache: Callable | None = None


def use_pdf_cache(cache: Callable | None) -> None:
    """`cache(html, *, key_prefix, label)` → the PDF of `html`, rendered once per content."""
    global _pdf_cache
    _pdf_cache = cache
