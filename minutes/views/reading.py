"""Reading the minutes: the minutes page, the printable page and the PDF."""
from django.http import HttpResponse
from django.shortcuts import render

from core.permissions import require as _require
from minutes import selectors as sel
from minutes.papers import minutes_pdf_bytes

from ._common import _meeting, _public_view


# Reading the minutes -----------------------------------------------------------------------

def minutes_view(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    context = sel.printed_minutes(meeting, public=_public_view(request.user, meeting))
    context.update({
        "can_change": request.user.has_perm("meetings.change_minutes", meeting),
        "can_manage": request.user.has_perm("meetings.manage_minutes", meeting),
    })
    return render(request, "minutes/minutes_page.html", context)


def minutes_print(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    return render(request, "minutes/print.html",
                  sel.printed_minutes(meeting, public=_public_view(request.user, meeting)))


def minutes_pdf(request, pk):
    meeting = _meeting(pk)
    _require(request.user, "meetings.view_minutes", meeting)
    response = HttpResponse(minutes_pdf_bytes(meeting, public=_public_view(request.user, meeting)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
    return response
