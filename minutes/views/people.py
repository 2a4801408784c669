"""A person's page: memberships, declarations and their register of interests."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from boards.models import Board, Person
from core.permissions import require as _require
from minutes import selectors as sel
from minutes import services as svc
from minutes.forms import InterestForm
from minutes.models import Declaration, Interest, InterestKind, Minute, MinutesStatus



# People ------------------------------------------------------------------------------------

def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=pk)
    _require(request.user, "meetings.view_person", person)
    declarations = Declaration.objects.filter(person=person).select_related("meeting", "meeting__board", "agenda_item", "interest")
    if not request.user.is_superuser:
        from boards.access import board_ids_for

        declarations = declarations.filter(
            Q(meeting__minutes_record__status__in=[MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED, MinutesStatus.SIGNED],
              meeting__agenda_published_at__isnull=False)
            | Q(meeting__board_id__in=board_ids_for(request.user, "members") + board_ids_for(request.user, "clerks"))
        )
    declarations = list(declarations.order_by("-meeting__date", "agenda_item__position"))
    numbers = dict(Minute.objects.filter(meeting_id__in={d.meeting_id for d in declarations}, agenda_item__isnull=False)
                   .values_list("agenda_item_id", "number"))
    can_change = request.user.has_perm("meetings.change_interests", person)
    return render(request, "minutes/person_detail.html", {
        "person": person,
        "memberships": person.memberships.select_related("board").order_by("board__name"),
        "interests": person.interests.order_by("-registered_on", "pk"),
        "declarations": [(d, numbers.get(d.agenda_item_id), sel.declaration_sentence(d, numbers.get(d.agenda_item_id))) for d in declarations],
        "can_change": can_change, "interest_form": InterestForm() if can_change else None,
    })


def board_register(request, slug):
    """The board's register of interests, as the Localism Act 2011 has it published: open to all."""
    board = get_object_or_404(Board, slug=slug)
    rows = sel.register_of_interests(board)
    # The published register holds disclosable pecuniary and other registrable interests; a
    # non-registrable interest is declared at the meeting it touches, and the board's own members,
    # clerk and admins alone see it listed here (as on the public member page).
    whole = request.user.has_perm("meetings.view_exempt_minutes", board)
    if not whole:
        published = (InterestKind.DISCLOSABLE_PECUNIARY, InterestKind.OTHER_REGISTRABLE)
        for row in rows:
            row["interests"] = [i for i in row["interests"] if i.kind in published]
    return render(request, "minutes/board_register.html", {"board": board, "rows": rows, "whole": whole})


@login_required
@require_POST
def interest_add(request, pk):
    person = get_object_or_404(Person, pk=pk)
    _require(request.user, "meetings.change_interests", person)
    form = InterestForm(request.POST)
    if form.is_valid():
        svc.interest_register(person=person, user=request.user, **form.cleaned_data)
        messages.success(request, "Entry added to the register of interests.")
    else:
        messages.error(request, "Give the kind of interest, a description and the date it was registered.")
    return redirect(reverse("meetings:person", args=[pk]) + "#register-heading")


@login_required
@require_POST
def interest_end(request, pk):
    interest = get_object_or_404(Interest.objects.select_related("person"), pk=pk)
    _require(request.user, "meetings.change_interests", interest.person)
    svc.interest_end(interest=interest, user=request.user)
    messages.success(request, "Register entry closed (it stays on the record).")
    return redirect(reverse("meetings:person", args=[interest.person_id]) + "#register-heading")
