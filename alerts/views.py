"""The alerts pages: subscribe (rate-limited), confirm, unsubscribe. None shows an address, and
the answer to a subscription never says whether the address was subscribed already."""
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from boards.models import Board

from . import services, tasks, tokens
from .forms import SubscribeForm
from .ratelimit import subscription_allowed


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if not subscription_allowed(ip=_client_ip(request), email=data["email"]):
                return render(request, "alerts/too_many.html", status=429)
            ids = services.subscription_request(email=data["email"], board=data["board"], phrase=data["phrase"])
            for pk in ids:
                transaction.on_commit(lambda pk=pk: tasks.send_confirmation.delay(pk))
            return redirect("alerts:check_email")
    else:
        board = Board.objects.filter(slug=request.GET.get("board", "")).first()
        form = SubscribeForm(initial={"board": board, "phrase": request.GET.get("phrase", "")[:200]})
    return render(request, "alerts/subscribe.html", {"form": form})


def check_email(request):
    return render(request, "alerts/check_email.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = tokens.read(token, tokens.CONFIRM_SALT, max_age=tokens.CONFIRM_MAX_AGE)
    if subscription is None:
        return render(request, "alerts/bad_link.html", status=404)
    if request.method == "POST":
        services.subscription_confirm(subscription=subscription)
        return render(request, "alerts/confirmed.html", {"subscription": subscription})
    return render(request, "alerts/confirm.html", {"subscription": subscription})


# A mail program's one-click unsubscribe (RFC 8058) posts without our form's CSRF token; the
# signed token in the address is what proves the request.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = tokens.read(token, tokens.UNSUBSCRIBE_SALT)
    subject = subscription.subject if subscription else ""
    if subscription is not None:
        services.subscription_cancel(subscription=subscription)
    return render(request, "alerts/unsubscribed.html", {"subject": subject})
