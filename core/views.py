"""Pages that belong to the site rather than to any one board."""
from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.shortcuts import render


def accessibility_statement(request):
    """The accessibility statement the 2018 regulations require, linked from every page's footer."""
    return render(request, "core/accessibility.html", {
        "council": settings.ACCESSIBILITY_COUNCIL,
        "email": settings.ACCESSIBILITY_EMAIL,
        "phone": settings.ACCESSIBILITY_PHONE,
        "last_checked": settings.ACCESSIBILITY_LAST_CHECKED,
    })


class SignOutView(LogoutView):
    """Sign out, and tell the browser to drop what it kept for this member: the HTTP cache and the
    site's storage (the reader's offline copies of packs, exempt papers included, and its worker)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
