"""The accessibility statement the Public Sector Bodies Accessibility Regulations 2018 require:
public, linked from every page's footer, and carrying each part of the model statement."""
import re

from django.urls import reverse
from django.utils.html import strip_tags


def test_the_statement_has_every_part_the_regulations_ask_for(client, db):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    headings = [strip_tags(h) for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", html, re.S)]
    for part in ("Accessibility statement for Quorum", "Feedback and contact information",
                 "Reporting accessibility problems with this website", "Enforcement procedure",
                 "Compliance status", "Non-accessible content", "Preparation of this accessibility statement"):
        assert part in headings, part
    text = " ".join(strip_tags(html).split())
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard" in text
    assert "Equality Advisory and Support Service (EASS)" in text
    assert re.search(r"This statement was prepared on \d{1,2} [A-Z][a-z]+ \d{4}", text)
    assert 'href="mailto:' in html


def test_every_page_footer_links_to_the_statement(client, db):
    for url in (reverse("home"), reverse("login"), reverse("accessibility")):
        html = client.get(url).content.decode()
        footer = html[html.index("<footer"):html.index("</footer>")]
        assert f'href="{reverse("accessibility")}"' in footer, url


def test_the_statement_is_dated_by_the_last_check_and_promises_review_on_change(client, db, settings):
    import datetime

    settings.ACCESSIBILITY_LAST_CHECKED = datetime.date(2027, 2, 1)
    text = " ".join(strip_tags(client.get(reverse("accessibility")).content.decode()).split())
    assert "This statement was prepared on 1 February 2027, the date of our last check of the website." in text
    assert "We review it whenever the website changes" in text
    assert "last tested on 1 February 2027" in text
    assert "last reviewed on" not in text  # no review date that nobody reviewed on


def test_the_statement_names_untagged_appendices_and_no_fixed_failure(client, db):
    text = " ".join(strip_tags(client.get(reverse("accessibility")).content.decode()).split())
    assert "PDF appendices that report authors upload without tags" in text
    assert "Word and Excel appendices" in text
    # The packs and minutes now pass the PDF/UA machine checks: the statement no longer says otherwise.
    assert "header cells are not marked up" not in text
    assert "passes the machine-checkable checkpoints of PDF/UA-1" in text


def test_a_bad_last_checked_date_stops_start_up():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
                             "'quorum.settings'; django.setup()"],
                            env={**__import__("os").environ, "ACCESSIBILITY_LAST_CHECKED": "23/11/2026"},
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "ACCESSIBILITY_LAST_CHECKED must be a date such as 2026-11-23" in result.stderr
