"""Dates and times read as the council writes them: "Monday 18 November 2013", "2.00pm",
"23 November 2026 at 3.12pm". No page a person reads shows "15:12", "19/01/2027", "23 Nov 2026",
"p.m." or an ISO timestamp: every page of the demo board, as the public and as the clerk."""
import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags

from boards.models import Board
from core import formats
from tests.browser.test_every_page_accessible import _pages

MACHINE_DATES = {
    "24-hour clock": re.compile(r"\b\d{1,2}:\d{2}\b"),
    "numeric date": re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
    "abbreviated month": re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{4}\b"),
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "a.m./p.m.": re.compile(r"\b\d{1,2}(\.\d{2})? ?[ap]\.m\."),
    "midnight/noon": re.compile(r"\b(midnight|noon)\b"),
}


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return " ".join(strip_tags(html).split())


def machine_dates_in(text: str):
    return [f"{name}: …{text[max(0, m.start() - 40):m.end() + 20]}…"
            for name, pattern in MACHINE_DATES.items() for m in pattern.finditer(text)]


def test_formats_read_as_the_council_writes_them(settings):
    settings.TIME_ZONE = "Europe/London"
    assert formats.long_date(datetime.date(2013, 11, 18)) == "Monday 18 November 2013"
    assert formats.short_time(datetime.time(14, 0)) == "2.00pm"
    assert formats.short_time(datetime.time(0, 5)) == "12.05am"
    # A moment is shown in London time: 15:12 UTC in November is 3.12pm, in June it is 4.12pm.
    assert formats.date_and_time(datetime.datetime(2026, 11, 23, 15, 12, tzinfo=datetime.timezone.utc)) == \
        "23 November 2026 at 3.12pm"
    assert formats.date_and_time(datetime.datetime(2026, 6, 1, 15, 12, tzinfo=datetime.timezone.utc)) == \
        "1 June 2026 at 4.12pm"
    assert formats.long_date(datetime.datetime(2013, 11, 17, 23, 30, tzinfo=datetime.timezone.utc)) == \
        "Sunday 17 November 2013"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Board.objects.get(slug="corporate-parenting-board")


def test_no_page_shows_a_machine_date(client, demo):
    public_pages, clerk_pages = _pages(demo)
    found = []
    for who, urls in (("public", public_pages), ("clerk", clerk_pages)):
        if who == "clerk":
            client.login(username="clerk", password="clerk-demo-2013")
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            found += [f"{url} ({who}) {hit}" for hit in machine_dates_in(visible_text(response.content.decode()))]
    assert not found, "Machine-formatted dates and times:\n" + "\n".join(found)


def test_a_date_printed_without_a_filter_still_reads_as_english():
    from django.template import Context, Template

    rendered = Template("{{ d }}").render(Context({"d": datetime.date(2013, 11, 18)}))
    assert rendered == "18 November 2013"
