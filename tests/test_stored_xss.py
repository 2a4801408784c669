"""Rich text is sanitised at the model, so no route stores a script for logged-out readers.

The report sections are marked safe when shown. The admin used to save them as typed: a
superuser (or a stolen admin session) could plant `<script>` for every member of the public.
"""
import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from meetings.models import Report

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory

ATTACK = (
    "<p>Kept paragraph MARK-KEPT-1.</p>"
    "<script>alert('XSS-SCRIPT')</script>"
    "<p><img src=x onerror=\"alert('XSS-ONERROR')\">after the image MARK-KEPT-2</p>"
    "<p><a href=\"javascript:alert('XSS-HREF')\">a link MARK-KEPT-3</a></p>"
    "<p><a href=\"JaVaScRiPt:alert('XSS-HREF2')\">other</a>"
    "<svg onload=\"alert('XSS-SVG')\"></svg><iframe src=\"javascript:alert('XSS-IFRAME')\"></iframe></p>"
    "<p onclick=\"alert('XSS-ONCLICK')\" style=\"background:url(javascript:alert('XSS-STYLE'))\">styled</p>"
)
MARKERS = ["XSS-SCRIPT", "XSS-ONERROR", "XSS-HREF", "XSS-HREF2", "XSS-SVG", "XSS-IFRAME", "XSS-ONCLICK", "XSS-STYLE"]


def assert_no_script(html: str):
    for marker in MARKERS:
        assert marker not in html, marker
    assert not re.search(r"javascript:", html, re.IGNORECASE)
    assert not re.search(r"\son[a-z]+\s*=", html, re.IGNORECASE)
    assert "<script>alert" not in html and "<svg" not in html and "<iframe" not in html


class _Form(HTMLParser):
    """The fields of the admin change form as the browser would post them."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select, self._multi = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.setdefault(name, []).append(a.get("value", "on"))
            else:
                self.data[name] = [a.get("value", "")]
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]
        elif tag == "select" and name:
            self._select, self._multi = name, "multiple" in a
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


@pytest.fixture
def public_report(board, officer):
    meeting = MeetingFactory(board=board, agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc))
    item = AgendaItemFactory(meeting=meeting, position=1, title="Fostering update")
    return ReportFactory(agenda_item=item, board=board, author=officer, status=Report.Status.PUBLISHED,
                         title="Fostering update report")


def test_script_posted_through_the_admin_never_reaches_a_logged_out_reader(client, public_report, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:meetings_report_change", args=[public_report.pk])
    form = _Form()
    form.feed(client.get(url).content.decode())
    data = {k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}
    data["background"] = [ATTACK]
    data["financial"] = [ATTACK]
    data["revision_note"] = ["Background and financial sections updated"]  # the report is published
    data["_save"] = ["Save"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    stored = Report.objects.get(pk=public_report.pk)
    for field in ("background", "financial"):
        value = getattr(stored, field)
        assert "MARK-KEPT-1" in value and "MARK-KEPT-3" in value  # the text itself survives
        assert_no_script(value)
    assert_no_script(stored.history.latest().background)  # and the History record is clean too

    client.logout()
    page = client.get(reverse("meetings:report", args=[public_report.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "MARK-KEPT-1" in html and "MARK-KEPT-2" in html and "MARK-KEPT-3" in html
    assert_no_script(html)


def test_the_shell_and_bulk_routes_clean_too(public_report, board, officer):
    created = Report.objects.create(board=board, author=officer, title="Made in the shell", risk=ATTACK)
    assert_no_script(created.risk)  # the instance holds what was stored
    assert_no_script(Report.objects.get(pk=created.pk).risk)

    Report.objects.filter(pk=public_report.pk).update(equality=ATTACK)
    assert_no_script(Report.objects.get(pk=public_report.pk).equality)

    [bulk] = Report.objects.bulk_create([Report(board=board, author=officer, title="Bulk", reasons=ATTACK)])
    assert_no_script(Report.objects.get(pk=bulk.pk).reasons)

    public_report.other_options = ATTACK
    Report.objects.bulk_update([public_report], ["other_options"])
    assert_no_script(Report.objects.get(pk=public_report.pk).other_options)


def test_allowed_formatting_is_kept(public_report):
    public_report.background = ('<h1>Rate of offending</h1><p><strong>Bold</strong> and <a href="https://www.nottinghamcity.gov.uk/">'
                                "a link</a></p><ul><li>One</li></ul>")
    public_report.save()
    public_report.refresh_from_db()
    assert public_report.background == (
        '<h3>Rate of offending</h3><p><strong>Bold</strong> and <a href="https://www.nottinghamcity.gov.uk/" '
        'rel="noopener noreferrer">a link</a></p><ul><li>One</li></ul>')


def test_rows_stored_before_the_fix_are_cleaned_by_the_migration(public_report):
    import importlib
    import pkgutil

    import meetings.migrations
    from django.apps import apps

    [name] = [m.name for m in pkgutil.iter_modules(meetings.migrations.__path__) if m.name.endswith("_report_sections_sanitised")]
    migration = importlib.import_module(f"meetings.migrations.{name}")
    # A row as the old admin stored it: written with raw SQL, past the model field.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Report._meta.db_table} SET background = %s WHERE id = %s", [ATTACK, public_report.pk])
    assert "XSS-SCRIPT" in Report.objects.values_list("background", flat=True).get(pk=public_report.pk)
    migration.clean_stored_sections(apps, None)
    assert_no_script(Report.objects.values_list("background", flat=True).get(pk=public_report.pk))
