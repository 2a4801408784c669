from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from boards import selectors
from boards.models import Board
from meetings.models import Meeting


def home(request):
    today = timezone.localdate()
    meetings = Meeting.objects.visible_to(request.user).select_related("board")
    upcoming = meetings.filter(date__gte=today).exclude(status=Meeting.Status.CANCELLED).order_by("date")[:10]
    recent = meetings.filter(date__lt=today).order_by("-date")[:10]
    return render(
        request,
        "boards/home.html",
        {"boards": selectors.board_list(), "upcoming": upcoming, "recent": recent},
    )


def board_detail(request, slug):
    try:
        board = selectors.board_detail(slug)
    except Board.DoesNotExist:
        board = get_object_or_404(Board, slug=slug)
    members, others = selectors.split_memberships(board)
    meetings = Meeting.objects.visible_to(request.user).filter(board=board).order_by("-date", "-start_time")
    page = Paginator(meetings, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "boards/board_detail.html",
        {
            "board": board,
            "members": members,
            "others": others,
            "meetings": page,
            "can_manage": request.user.has_perm("boards.manage_board", board),
            "can_create_meeting": request.user.has_perm("boards.create_meeting", board),
        },
    )


def board_history(request, slug):
    from core.history import history_response

    board = get_object_or_404(Board, slug=slug)
    return history_response(request, board, "boards.view_board_history", title=f"History of {board.name}")
