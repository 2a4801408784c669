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
