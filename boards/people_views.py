"""People, log-ins and invitations, kept by the clerk without the admin."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from boards import selectors, services
from boards.forms import PersonForm
from boards.invitations import invitation_token, user_from_uid, valid_for_days
from boards.models import Membership, Person
from core.concurrency import StaleEdit
from core.history import history_response


def _person(request, pk, perm="boards.manage_person"):
    try:
        person = selectors.person_with_memberships(pk)
    except Person.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm(perm, person):
        raise PermissionDenied
    return person


@login_required
def people_list(request):
    if not request.user.has_perm("boards.manage_people"):
        raise PermissionDenied
    return render(request, "boards/people_list.html", {"people": selectors.people_for(request.user)})


@login_required
def person_create(request):
    if not request.user.has_perm("boards.manage_people"):
        raise PermissionDenied
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(user=request.user, **form.person_fields())
        except ValidationError as exc:
            form.add_error("email", exc.messages[0])
        else:
            messages.success(request, f"{person} added. Add them to a board from the board's page, and invite them "
                                      "to sign in here.")
            return redirect("person_manage", person.pk)
    return render(request, "boards/person_form.html", {"form": form, "person": None})


@login_required
def person_manage(request, pk):
    person = _person(request, pk)
    memberships = list(person.memberships.all())
    return render(request, "boards/person_manage.html", {
        "person": person, "current": [m for m in memberships if m.end_date is None],
        "former": [m for m in memberships if m.end_date is not None], "days": valid_for_days(),
    })


@login_required
def person_edit(request, pk):
    person = _person(request, pk)
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=pk) if request.method == "POST" else person)
    if request.method == "POST" and form.is_valid():
        fields = form.person_fields()
        try:
            services.person_update(person=person, version=form.cleaned_data.get("version"), user=request.user, **fields)
        except StaleEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error("email", exc.messages[0])
        else:
            messages.success(request, f"{person}'s details saved.")
            return redirect("person_manage", person.pk)
    return render(request, "boards/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_invite(request, pk):
    person = _person(request, pk)
    try:
        person = services.person_invite(person=person, user=request.user, site_url=request.build_absolute_uri("/"))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"Invitation sent to {person.email}: the link to set a password works for "
                                  f"{valid_for_days()} days, and only once.")
    return redirect("person_manage", person.pk)


def _set_active(request, pk, active):
    person = _person(request, pk)
    try:
        services.person_login_set_active(person=person, active=active, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{person}'s log-in {'reactivated' if active else 'deactivated'}.")
    return redirect("person_manage", person.pk)


@login_required
@require_POST
def person_deactivate(request, pk):
    return _set_active(request, pk, False)


@login_required
@require_POST
def person_reactivate(request, pk):
    return _set_active(request, pk, True)


@login_required
def person_history(request, pk):
    person = get_object_or_404(Person, pk=pk)
    return history_response(request, person, "boards.manage_person", title=f"History of {person}",
                            related=[("Memberships", Membership.history.filter(person_id=person.pk))])


REFUSED = {
    "expired": "This invitation link has expired. Ask the clerk to send you a new invitation.",
    "used": "This invitation link has already been used or has been replaced by a newer one. If you have set "
            "your password, sign in; otherwise ask the clerk to send you a new invitation.",
    "deactivated": "This log-in has been deactivated. Ask the clerk if you think this is wrong.",
}


def invitation_accept(request, uidb64, token):
    """The link in an invitation: choose a password (once, within the time the e-mail gave)."""
    account = user_from_uid(uidb64)
    status = "deactivated" if account is not None and not account.is_active else invitation_token.status(account, token)
    if status != "valid":
        return render(request, "boards/invitation_accept.html", {"refused": REFUSED[status]})
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_accept(account=account, password_form=form)
        messages.success(request, f"Your password is set. Sign in with the username {account.username}.")
        return redirect(reverse("login"))
    return render(request, "boards/invitation_accept.html", {"form": form, "account": account})
