"""Pages that belong to the site rather than to any one board."""
from django.conf import settings
from django.shortcuts import render


def accessibility_statement(request):
    """The accessibility statement the 2018 regulations require, linked from every page's footer."""
    return render(request, "core/accessibility.html", {
        "council": settings.ACCESSIBILITY_COUNCIL,
        "email": settings.ACCESSIBILITY_EMAIL,
        "phone": settings.ACCESSIBILITY_PHONE,
    })
