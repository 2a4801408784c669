from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from boards import pages, selectors, services
from boards.forms import BoardCreateForm, BoardForm, MembershipEndForm, MembershipForm, MembershipRoleForm
from boards.models import Board, Membership
from core.concurrency import StaleEdit
from core.formats import plain_date
from core.history import history_response


def home(request):
    upcoming, recent = pages.upcoming_and_recent_meetings(request.user)
    return render(
        request,
        "boards/home.html",
        {"boards": selectors.board_list(), "upcoming": upcoming, "recent": recent,
         "can_create_board": request.user.has_perm("boards.create_board")},
    )


def board_detail(request, slug):
    try:
        board = selectors.board_detail(slug)
    except Board.DoesNotExist:
        board = get_object_or_404(Board, slug=slug)
    members, others = selectors.split_memberships(board)
    meetings = pages.board_meetings(board, request.user)
    page = Paginator(meetings, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "boards/board_detail.html",
        {
            "board": board,
            "members": members,
            "others": others,
            "meetings": page,
            "former": selectors.former_memberships(board),
            "can_manage": request.user.has_perm("boards.manage_board", board),
            "can_create_meeting": request.user.has_perm("boards.create_meeting", board),
        },
    )


def _require_manage(request, board):
    if not request.user.has_perm("boards.manage_board", board):
        raise PermissionDenied


@login_required
def board_edit(request, slug):
    board = get_object_or_404(Board.objects.select_related("clerk"), slug=slug)
    _require_manage(request, board)
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "clerk_phone")}
        try:
            services.board_update(board=board, version=form.cleaned_data.get("version"), user=request.user,
                                  clerk_phone=form.cleaned_data.get("clerk_phone"), **data)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Board details saved.")
            return redirect(board)
    return render(request, "boards/board_form.html", {"form": form, "board": board})


@login_required
def membership_add(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require_manage(request, board)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(board=board, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, f"{form.cleaned_data['person']} added to the board.")
            return redirect(board)
    return render(request, "boards/membership_form.html", {"form": form, "board": board})


@login_required
def membership_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("board", "person"), pk=pk)
    _require_manage(request, membership.board)
    form = MembershipEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(membership=membership, end_date=form.cleaned_data["end_date"], user=request.user)
        except ValidationError as exc:
            form.add_error("end_date", exc.messages[0])
        else:
            messages.success(request, f"{membership.person}'s membership has ended; the record is kept.")
            return redirect(membership.board)
    return render(request, "boards/membership_end.html", {"form": form, "membership": membership, "board": membership.board})


def board_history(request, slug):
    board = get_object_or_404(Board, slug=slug)
    return history_response(
        request, board, "boards.view_board_history", title=f"History of {board.name}",
        related=[("Memberships", Membership.history.filter(board_id=board.pk))],
    )


@login_required
def membership_change_role(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("board", "person"), pk=pk)
    _require_manage(request, membership.board)
    form = MembershipRoleForm(request.POST or None, initial={"role": membership.role, "from_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            successor = services.membership_change_role(membership=membership, role=form.cleaned_data["role"],
                                                        from_date=form.cleaned_data["from_date"], user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, f"{membership.person} is {successor.get_role_display()} from "
                                      f"{plain_date(successor.start_date)}; the earlier role is kept as a former "
                                      "membership.")
            return redirect(membership.board)
    return render(request, "boards/membership_role.html",
                  {"form": form, "membership": membership, "board": membership.board})


@login_required
def board_create(request):
    if not request.user.has_perm("boards.create_board"):
        raise PermissionDenied
    form = BoardCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.board_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("slug", exc.messages[0])
        else:
            messages.success(request, f"{board.name} created with {board.clerk} as its clerk.")
            return redirect(board)
    return render(request, "boards/board_create.html", {"form": form})
