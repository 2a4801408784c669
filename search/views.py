from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from .forms import SearchForm
from .selectors import Filters, search_page, years_indexed


def search(request):
    """/search/: what this reader may read, ranked, with the matched words marked."""
    form = SearchForm(request.GET or None, years=years_indexed(request.user))
    page, phrase = None, ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        phrase = data["q"].strip()
        filters = Filters(board_id=data["board"].pk if data["board"] else None, year=data["year"], kind=data["kind"])
        page = search_page(request.user, phrase, filters, request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(request, "search/search.html", {
        "form": form, "page": page, "phrase": phrase, "query": urlencode(query),
        "alerts_url": _alerts_url(phrase),
    })


def _alerts_url(phrase: str) -> str:
    try:
        url = reverse("alerts:subscribe")
    except Exception:  # noqa: BLE001 – the alerts app is optional for the search page
        return ""
    return f"{url}?{urlencode({'phrase': phrase})}" if phrase else url
