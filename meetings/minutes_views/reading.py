"""Reading the minutes: the minutes page, the printable page and the PDF, and the links on the
meeting page.
"""
from django.http import HttpResponse
from django.shortcuts import render

from meetings import minutes_selectors as sel
from meetings.models.minutes import Minute

from ._common import _meeting, _public_view, _record, _require


# Reading the minutes -----------------------------------------------------------------------

def minutes_view(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    context = sel.printed_minutes(meeting, public=_public_view(request.user, meeting))
    context.update({
        "can_change": request.user.has_perm("meetings.change_minutes", meeting),
        "can_manage": request.user.has_perm("meetings.manage_minutes", meeting),
    })
    return render(request, "meetings/minutes/minutes_page.html", context)


def minutes_print(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    return render(request, "meetings/minutes/print.html",
                  sel.printed_minutes(meeting, public=_public_view(request.user, meeting)))


def minutes_pdf(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    from meetings.papers import minutes_pdf_bytes

    response = HttpResponse(minutes_pdf_bytes(meeting, public=_public_view(request.user, meeting)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
    return response


def meeting_links_context(user, meeting) -> dict:
    """For the block of links on the meeting page."""
    record = _record(meeting)
    return {
        "meeting": meeting, "record": record,
        "can_view": user.has_perm("meetings.view_minutes", meeting),
        "can_manage": user.has_perm("meetings.manage_minutes", meeting),
        "can_apologise": user.has_perm("meetings.record_apology", meeting),
        "can_view_resolutions": user.has_perm("meetings.view_resolutions", meeting.board),
        "has_response_paper": sel.response_paper(meeting) is not None,
        "minutes_exist": Minute.objects.filter(meeting=meeting).exists(),
    }
