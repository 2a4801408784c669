"""Every page carries a Content-Security-Policy that allows no inline script, and nothing that is
not public may be kept by a browser or a shared cache (`Cache-Control: private, no-store`).

The browser side (no CSP violation while the pages are used) is tests/browser/test_content_security_policy.py.
"""
import base64
import datetime
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from meetings.models import Report
from packs.models import Pack
from packs.services import pack_build

from tests.factories import AgendaItemFactory, MeetingFactory, ReportFactory
from tests.minutes.factories import drafted
from tests.packs.factories import add_appendix, appendix_pdf, pack_meeting

ROOT = Path(settings.BASE_DIR)
PROJECT_TEMPLATES = sorted(
    p for p in ROOT.rglob("templates/**/*.html") if ".venv" not in p.parts and "node_modules" not in p.parts
)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def published(board, officer):
    meeting = MeetingFactory(board=board, agenda_published_at=datetime.datetime(2030, 11, 1, tzinfo=datetime.timezone.utc))
    open_item = AgendaItemFactory(meeting=meeting, position=1, title="Fostering update")
    exempt_item = AgendaItemFactory(meeting=meeting, position=2, title="Contract award", is_exempt=True,
                                    exempt_paragraph=3, exempt_reason="Prices")
    public_report = ReportFactory(agenda_item=open_item, author=officer, status=Report.Status.PUBLISHED)
    exempt_report = ReportFactory(agenda_item=exempt_item, author=officer, status=Report.Status.PUBLISHED)
    return meeting, public_report, exempt_report


# Content-Security-Policy ---------------------------------------------------------------------

def test_every_kind_of_page_carries_a_policy_without_inline_script(client, published, clerk, admin_user):
    meeting, public_report, _ = published
    anonymous = [reverse("home"), reverse("meetings:detail", args=[meeting.pk]),
                 reverse("meetings:report", args=[public_report.pk]), reverse("login"), "/no-such-page/"]
    for url in anonymous:
        response = client.get(url)
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in policy["style-src"], url
    client.force_login(clerk)
    for url in [reverse("meetings:report_edit", args=[public_report.pk]), reverse("meetings:detail", args=[meeting.pk])]:
        assert _policy(client.get(url))["script-src"] == ["'self'"], url
    client.force_login(admin_user)
    assert _policy(client.get("/admin/"))["script-src"] == ["'self'"]


def test_report_editor_page_loads_its_editor_from_our_static_files_with_no_inline_code(client, published, officer):
    _, _, _ = published
    report = ReportFactory(agenda_item=None, board=published[0].board, author=officer, status=Report.Status.DRAFT)
    client.force_login(officer)
    response = client.get(reverse("meetings:report_edit", args=[report.pk]))
    html = response.content.decode()
    assert '<script src="/static/vendor/report-editor.js"></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) and "<style" not in html and " style=" not in html
    policy = _policy(response)
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]


def test_each_paper_style_block_is_allowed_by_its_hash(client, board):
    """Printed minutes, the response paper and snapshots carry fixed <style> blocks (for WeasyPrint)."""
    allowed = set(_policy(client.get(reverse("home")))["style-src"])
    blocks = [
        block for path in PROJECT_TEMPLATES
        for block in re.findall(r"<style[^>]*>(.*?)</style>", path.read_text(), re.S)
        if not re.search(r"{[{%#]", block)  # a block with template syntax can only serve a PDF
    ]
    assert len(blocks) >= 4
    for block in blocks:
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


@pytest.mark.parametrize("path", PROJECT_TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_holds_inline_script_handlers_or_style_attributes(path):
    html = path.read_text()
    inline_scripts = [m for m in re.findall(r"<script\b([^>]*)>", html) if "src=" not in m]
    assert not inline_scripts, "inline <script> (move it to a static file)"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler (bind it in a static file)"
    assert "hx-on" not in html, "hx-on is inline script"
    assert "javascript:" not in html.lower()
    assert not re.search(r"\sstyle\s*=", html), "style= attribute (the policy allows none: use a class)"


def test_public_pages_do_not_embed_a_csrf_token(client, published):
    """A token in a public page would make it per-visitor (and so never cacheable)."""
    meeting, _, _ = published
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "X-CSRFToken" not in html and "csrfmiddlewaretoken" not in html


# Cache-Control -------------------------------------------------------------------------------

def _private(response) -> bool:
    return response["Cache-Control"] == "private, no-store"


def test_public_pages_for_the_public_may_be_cached_but_are_checked_each_time(client, published):
    meeting, public_report, _ = published
    for url in [reverse("home"), reverse("meetings:detail", args=[meeting.pk]),
                reverse("meetings:report", args=[public_report.pk])]:
        response = client.get(url)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"] and "private" not in response["Cache-Control"], url


def test_every_page_for_a_signed_in_user_is_private(client, published, member):
    meeting, public_report, exempt_report = published
    client.force_login(member)
    for url in [reverse("home"), reverse("meetings:detail", args=[meeting.pk]),
                reverse("meetings:report", args=[public_report.pk]),
                reverse("meetings:report", args=[exempt_report.pk])]:
        response = client.get(url)
        assert response.status_code == 200
        assert _private(response), url


def test_exempt_report_and_its_appendix_are_private(client, published, member):
    _, _, exempt_report = published
    appendix = add_appendix(exempt_report, "Bid prices", appendix_pdf("PRICES"))
    client.force_login(member)
    response = client.get(reverse("meetings:attachment", args=[appendix.pk]))
    assert response.status_code == 200
    assert _private(response)


def test_members_pack_and_its_versions_are_private(client, board, clerk, member):
    meeting = pack_meeting(board)
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    client.force_login(member)
    response = client.get(f"/meetings/{meeting.pk}/pack/members.pdf")
    assert response.status_code == 200 and _private(response)
    version = Pack.objects.get(meeting=meeting, variant="members").current_version
    response = client.get(f"/packs/versions/{version.pk}.pdf")
    assert response.status_code == 200 and _private(response)


def test_public_pack_for_the_public_is_not_private(client, board, clerk):
    meeting = pack_meeting(board)
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    response = client.get(f"/meetings/{meeting.pk}/pack/public.pdf")
    assert response.status_code == 200
    assert "private" not in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_draft_minutes_are_private(client, board, clerk, member):
    meeting = drafted(board, datetime.date(2030, 9, 23), clerk)
    client.force_login(member)
    for url in [reverse("meetings:minutes", args=[meeting.pk]), reverse("meetings:minutes_print", args=[meeting.pk])]:
        response = client.get(url)
        assert response.status_code == 200
        assert _private(response), url


def test_a_form_carrying_a_csrf_cookie_is_private_even_signed_out(client):
    response = client.get(reverse("login"))
    assert response.cookies
    assert _private(response)


def test_htmx_fragment_for_a_clerk_is_private(client, board, clerk):
    meeting = pack_meeting(board)
    client.force_login(clerk)
    response = client.get(reverse("meetings:pack_status", args=[meeting.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert _private(response)
