"""The demo reports are entered through the structure with the reference's numbers: the CSE
report's 1.1–1.15, the offending report's 1.1–1.5 and 4.1–4.5; their tables have real header
rows (the rates by year, not eight columns headed "13/13"), and no markdown shows as literal
characters."""
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Report
from meetings.models.reports import REPORT_SECTIONS


@pytest.fixture
def demo_reports(db):
    call_command("load_demo")
    return {r.title: r for r in Report.objects.all()}


def _numbers(client, report, section):
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    return re.findall(r'<span class="para-no"[^>]*>(' + str(section) + r'\.\d+)</span>', page), page


def test_the_cse_report_numbers_its_background_1_1_to_1_15_as_the_reference(client, demo_reports):
    cse = demo_reports["Child Sexual Exploitation and the Local Safeguarding Children Board Response"]
    numbers, page = _numbers(client, cse, 1)
    assert numbers == [f"1.{n}" for n in range(1, 16)]
    assert re.search(r'1\.4</span> Facts and figures', page)
    assert re.search(r'1\.15</span> What should we be doing next\?', page)
    assert "*" not in "".join(body for _, body in cse.sections())
    assert "<em>Working Together 2013</em>" in cse.background


def test_the_offending_report_numbers_1_1_to_1_5_and_4_1_to_4_5_and_has_the_rates_table_by_year(client, demo_reports):
    offending = demo_reports["Reducing Offending Behaviour"]
    numbers, page = _numbers(client, offending, 1)
    assert numbers == [f"1.{n}" for n in range(1, 6)]
    assert re.search(r'1\.1</span> <strong>Rate of offending by Nottingham CiC</strong>', page)
    assert _numbers(client, offending, 4)[0] == [f"4.{n}" for n in range(1, 6)]
    assert "13/13" not in offending.background
    assert '<th scope="col">Year</th>' in page and '<th scope="row">2012/13</th><td>230</td><td>8.70%</td>' in page
    # Section 2 in the reference has no paragraph numbers.
    assert _numbers(client, offending, 2)[0] == []
    for section in REPORT_SECTIONS:
        assert "**" not in getattr(offending, section.field)
