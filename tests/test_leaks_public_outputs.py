"""The leak suite: nothing exempt or unpublished ever reaches the public.

Unique markers go into an exempt report and its appendices (PDF, Word, Excel), an exempt item's
description and presenter, draft minutes (with everyone pre-filled as present), an unpublished
meeting (venue, item, report, minutes, date), the minutes of a meeting not yet held, and an item
made exempt after its pack was published. Then every public output is fetched logged out (every
page reachable from the home page, every meeting, item, report, appendix, minutes page and PDF,
both pack variants at their stable addresses and every pack version by its sequential id, history
pages, exports) and its text searched (PDFs with pdftotext plus their bookmarks and metadata,
spreadsheets with openpyxl): no marker may be found.
"""
import datetime
import io
import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlparse

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import services as actions_services
from actions.models import Action, Plan, PlanSnapshot
from actions.services import agenda_plan_attach, agenda_plans_snapshot
from minutes import services as minutes_svc
from meetings import services
from meetings.models import AgendaItem, Attachment, ExemptParagraph, Meeting, Report
from minutes.models import Minute
from packs.models import Pack, PackVersion
from packs.services import pack_build
from packs.tasks import pack_render
from performance.models import Indicator, IndicatorValue

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.performance.factories import IndicatorFactory, IndicatorValueFactory
from tests.packs.factories import add_appendix, appendix_docx, appendix_pdf, page_texts, report_for

TODAY = timezone.localdate()
DAYS = datetime.timedelta(days=1)

MARKERS = {
    "LKXEXREPORT": "the body of an exempt report",
    "LKXEXREPTITLE": "the title of an exempt report",
    "LKXEXAPPXPDF": "an exempt report's PDF appendix",
    "LKXEXAPPXDOCX": "an exempt report's Word appendix",
    "LKXEXAPPXXLSX": "an exempt report's Excel appendix",
    "LKXEXAPPXTITLE": "the title of an exempt report's appendix",
    "LKXEXITEMDESC": "an exempt item's description",
    "LKXEXITEMPRES": "an exempt item's presenter",
    "LKXEXITEMREPORT": "a report on an exempt item",
    "LKXDRAFTMIN": "draft minutes",
    "LKXNOTHELD": "the minutes of a meeting not yet held",
    "LKXUNPUBVENUE": "an unpublished meeting's venue",
    "LKXUNPUBITEM": "an unpublished meeting's item",
    "LKXUNPUBREPORT": "a report for an unpublished meeting",
    "LKXUNPUBMIN": "an unpublished meeting's minutes",
    "LKXLATER": "the report of an item made exempt after publication",
    "LKXLATERAPPX": "the appendix of an item made exempt after publication",
    "LKXLATERDESC": "the description of an item made exempt after publication",
    "LKXLATERPRES": "the presenter of an item made exempt after publication",
    "LKXPLANEXACT": "an action in a plan carried as an exempt item's paper",
    "LKXPLANEXPROG": "a progress update in a plan carried as an exempt item's paper",
    "LKXPLANDRAFTACT": "an action in a plan never carried to a meeting",
    "LKXPLANDRAFTPROG": "a progress update in a plan never carried to a meeting",
    "LKXSUPPEXEMPT": "an exempt late paper in the supplementary pack",
    "LKXSUPPEXAPPX": "the appendix of an exempt late paper in the supplementary pack",
}
# A small-number figure (3 of 7 = 42.857…%) that must be suppressed wherever the public reads it.
SUPPRESSED_FIGURES = ("42.9", "42.86", "42.857")
SUPPLEMENTARY_CONTROL = "LKXSUPPOPENOK"  # an open late paper: found in the public supplementary pack
PUBLIC_CONTROL = "LKXPUBLICOK"  # a public report: found, so the search really reads what it fetches


def appendix_xlsx(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Provider"
    book.active["B1"] = text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _items(meeting, rows):
    for position, (kind, title) in enumerate(rows, start=1):
        AgendaItemFactory(meeting=meeting, position=position, kind=kind, title=title, presenter="")


STANDARD = [(AgendaItem.Kind.APOLOGIES, "Apologies for absence"),
            (AgendaItem.Kind.DECLARATIONS, "Declarations of interests"), (AgendaItem.Kind.MINUTES, "Minutes")]


def _plan(board, clerk, member, action_text, progress_text):
    plan = actions_services.plan_create(board=board, title="Exploitation action plan", period="2026–27", user=clerk)
    section = actions_services.section_create(plan=plan, title="Prevention", user=clerk)
    action = actions_services.action_create(section=section, text=f"{action_text} awareness sessions", user=clerk)
    actions_services.action_progress_add(action=action, user=clerk, text=f"{progress_text} sessions held", rag="amber",
                                         reason="Behind schedule.")
    return plan


def _draft_minutes(meeting, clerk, text, *, first_number=None):
    minutes_svc.minutes_draft(meeting=meeting, user=clerk, first_number=first_number)
    minutes_svc.attendance_prefill(meeting=meeting, user=clerk)
    minute = meeting.minutes.filter(kind=Minute.Kind.BUSINESS).first() or meeting.minutes.first()
    minutes_svc.point_add(minute=minute, user=clerk, text=f"{text} was discussed.")
    minutes_svc.resolution_add(minute=minute, user=clerk, text=f"to note {text}.")


@pytest.fixture
def world(board, clerk, member, officer, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    queued = []
    monkeypatch.setattr("packs.tasks.pack_render.delay", lambda *args: queued.append(args))

    # The last meeting actually held: its minutes are still a draft.
    held = MeetingFactory(board=board, date=TODAY - 60 * DAYS, agenda_published_at=timezone.now(),
                          status=Meeting.Status.AGENDA_PUBLISHED)
    _items(held, STANDARD + [(AgendaItem.Kind.BUSINESS, "Fostering update")])
    _draft_minutes(held, clerk, "LKXDRAFTMIN", first_number=1)

    # A meeting whose agenda was never published (held or not, nothing of it is public).
    hidden = MeetingFactory(board=board, date=TODAY - 20 * DAYS, venue="LKXUNPUBVENUE Hall")
    _items(hidden, STANDARD + [(AgendaItem.Kind.BUSINESS, "LKXUNPUBITEM review")])
    report_for(hidden.items.get(position=4), "LKXUNPUBREPORT", marker="LKXUNPUBREPORT", paragraphs=1,
               status=Report.Status.APPROVED)
    _draft_minutes(hidden, clerk, "LKXUNPUBMIN")
    minutes_svc.minutes_publish(meeting=hidden, user=clerk)  # published, but of an unpublished meeting

    # The meeting whose pack is published; made while the unpublished meeting was the latest.
    meeting = services.meeting_create(board=board, date=TODAY + 30 * DAYS, start_time=datetime.time(14),
                                      venue="Loxley House", user=clerk)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=timezone.now(),
                                                 status=Meeting.Status.AGENDA_PUBLISHED)
    fostering = AgendaItemFactory(meeting=meeting, position=4, title="Fostering update", paper_status="attached")
    report_for(fostering, "Fostering update", marker=PUBLIC_CONTROL, paragraphs=1)
    contract = AgendaItemFactory(meeting=meeting, position=5, title="Contract award", paper_status="attached")
    exempt_report = report_for(contract, "LKXEXREPTITLE award", marker="LKXEXREPORT", paragraphs=1, is_exempt=True,
                               exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Commercial terms.")
    add_appendix(exempt_report, "Prices LKXEXAPPXTITLE", appendix_pdf("LKXEXAPPXPDF"))
    add_appendix(exempt_report, "Bids LKXEXAPPXTITLE", appendix_docx("LKXEXAPPXDOCX"), kind="docx")
    add_appendix(exempt_report, "Scores LKXEXAPPXTITLE", appendix_xlsx("LKXEXAPPXXLSX"), kind="xlsx")
    child = AgendaItemFactory(meeting=meeting, position=6, title="A child's placement", paper_status="attached",
                              description="LKXEXITEMDESC", presenter="LKXEXITEMPRES", is_exempt=True,
                              exempt_paragraph=ExemptParagraph.IDENTITY, exempt_reason="Would identify a child.")
    report_for(child, "Placement", marker="LKXEXITEMREPORT", paragraphs=1)
    later = AgendaItemFactory(meeting=meeting, position=7, title="Residential care review", paper_status="attached",
                              description="LKXLATERDESC", presenter="LKXLATERPRES")
    later_report = report_for(later, "Residential care review", marker="LKXLATER", paragraphs=1)
    add_appendix(later_report, "Costs", appendix_pdf("LKXLATERAPPX"))
    late = AgendaItemFactory(meeting=meeting, position=8, title="Placement sufficiency", paper_status="to_follow")

    # Action plans: one carried as the paper of the exempt item, one never carried to any meeting.
    carried = _plan(board, clerk, member, "LKXPLANEXACT", "LKXPLANEXPROG")
    agenda_plan_attach(agenda_item=child, plan=carried, user=clerk)
    agenda_plans_snapshot(meeting=meeting, user=clerk)
    _plan(board, clerk, member, "LKXPLANDRAFTACT", "LKXPLANDRAFTPROG")

    # An indicator the board follows, with one small-number period among ordinary ones.
    indicator = IndicatorFactory(title="Children in care who offended", boards=[board])
    IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2012, 4, 1))
    IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2012, 7, 1),
                          numerator=Decimal(3), denominator=Decimal(7))

    # A meeting between them, published but not yet held: its (draft) minutes supply nothing.
    soon = MeetingFactory(board=board, date=TODAY + 10 * DAYS, agenda_published_at=timezone.now(),
                          status=Meeting.Status.AGENDA_PUBLISHED)
    _items(soon, STANDARD + [(AgendaItem.Kind.BUSINESS, "Health of children in care")])
    _draft_minutes(soon, clerk, "LKXNOTHELD")

    for variant in Pack.Variant:
        pack_build(meeting_id=meeting.pk, variant=variant)
    # The item is made exempt after its pack was published, as a clerk would.
    later.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_update(item=later, version=later.version, user=clerk, is_exempt=True,
                                    exempt_paragraph=ExemptParagraph.LEGAL, exempt_reason="Legal advice.")
    for args in queued:  # the renders the change queued, as the worker would run them
        pack_render.apply(args=args)

    # Late papers arrive for the "To follow" item: an open one and an exempt one, in a supplementary pack.
    report_for(late, "Sufficiency update", marker=SUPPLEMENTARY_CONTROL, paragraphs=1)
    late_exempt = report_for(late, "Provider costs", marker="LKXSUPPEXEMPT", paragraphs=1, is_exempt=True,
                             exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Provider prices.")
    add_appendix(late_exempt, "Price schedule", appendix_pdf("LKXSUPPEXAPPX"))
    for variant in Pack.Variant:
        assert pack_build(meeting_id=meeting.pk, variant=variant, kind=Pack.Kind.SUPPLEMENTARY) is not None
    return {"meetings": [held, hidden, meeting, soon], "meeting": meeting, "hidden": hidden, "queued": queued}


# Reading what the public is sent ------------------------------------------------------------

def pdf_text(data: bytes) -> str:
    import pikepdf

    parts = page_texts(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        parts += [str(v) for v in pdf.docinfo.values()]
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                entry = stack.pop()
                parts.append(entry.title)
                stack.extend(entry.children)
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for cell in row if cell is not None)


def body_text(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if data.startswith(b"%PDF") or "pdf" in kind:
        return pdf_text(data)
    if data.startswith(b"PK") and ("sheet" in kind or "excel" in kind):
        return xlsx_text(data)
    if data.startswith(b"PK"):  # a Word document: its XML text
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return " ".join(re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8", "replace")) for n in z.namelist())
    return unescape(data.decode("utf-8", "replace"))


LINK = re.compile(r'(?:href|src|hx-get|action)="([^"#]+)"')


def crawl(client, seeds, limit=1500):
    """Fetch every seed and every same-site page linked from the pages fetched, logged out."""
    seen, queue, pages = set(), deque(seeds), {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        path = urlparse(url).path
        if url in seen or path.startswith(("/admin/", "/accounts/logout", "/static/")):
            continue
        seen.add(url)
        response = client.get(url)
        text = body_text(response)
        pages[url] = (response.status_code, text)
        if "text/html" in response.get("Content-Type", ""):
            for link in LINK.findall(text):
                target = urljoin(url, unescape(link))
                if urlparse(target).netloc in ("", "testserver"):
                    queue.append(urlparse(target)._replace(scheme="", netloc="").geturl())
    return pages


def public_seeds(world, board) -> list[str]:
    seeds = ["/", reverse("board_detail", args=[board.slug]), reverse("meetings:resolution_tracker", args=[board.slug]),
             "/plans/", "/performance/"]
    for meeting in world["meetings"]:
        seeds += [meeting.get_absolute_url()] + [reverse(name, args=[meeting.pk]) for name in (
            "meetings:frontsheet", "meetings:history", "meetings:minutes", "meetings:minutes_print",
            "meetings:minutes_pdf", "meetings:response_paper", "meetings:pack_status")]
        seeds.append(f"/meetings/{meeting.pk}/pack/versions/")
        for variant in Pack.Variant:
            seeds += [reverse("meetings:pack_download", args=[meeting.pk, variant]),
                      reverse("meetings:pack_supplementary_download", args=[meeting.pk, variant])]
    for item in AgendaItem.objects.all():
        seeds += [item.get_absolute_url(), reverse("meetings:item_history", args=[item.pk])]
    for report in Report.objects.all():
        seeds += [report.get_absolute_url(), reverse("meetings:report_history", args=[report.pk])]
    seeds += [a.get_absolute_url() for a in Attachment.objects.all()]
    # Version addresses are sequential: try every one, and the next.
    last = PackVersion.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    seeds += [reverse("meetings:pack_version_download", args=[pk]) for pk in range(1, last + 2)]
    for minute in Minute.objects.all():
        seeds.append(reverse("meetings:minute_edit", args=[minute.pk]))
    for plan in Plan.objects.all():
        seeds += [plan.get_absolute_url(), reverse("actions:plan_history", args=[plan.pk]),
                  reverse("actions:snapshot_list", args=[plan.pk])]
        seeds += [reverse("actions:plan_export", args=[plan.pk, fmt]) for fmt in ("csv", "xlsx")]
    seeds += [reverse("actions:snapshot_detail", args=[s.pk]) for s in PlanSnapshot.objects.all()]
    seeds += [reverse("actions:action_detail", args=[a.pk]) for a in Action.objects.all()]
    for indicator in Indicator.objects.all():
        seeds += [reverse(name, args=[indicator.pk]) for name in (
            "performance:indicator_detail", "performance:indicator_export", "performance:indicator_history")]
    seeds += [reverse("performance:value_history", args=[v.pk]) for v in IndicatorValue.objects.all()]
    return seeds


def test_no_marker_reaches_any_public_output(world, board, client):
    pages = crawl(client, public_seeds(world, board))
    found = {}
    for url, (status, text) in pages.items():
        upper = text.upper()
        for marker in MARKERS:
            if marker in upper:
                found.setdefault(f"{marker} ({MARKERS[marker]})", []).append(f"{url} [{status}]")
        if urlparse(url).path.startswith("/performance/"):
            for figure in SUPPRESSED_FIGURES:
                if figure in text:
                    found.setdefault(f"{figure} (a small-number figure)", []).append(f"{url} [{status}]")
    assert not found, "Leaked to the public:\n" + "\n".join(f"{m}: {', '.join(urls)}" for m, urls in found.items())

    # The search read what it fetched: the public pack and the public report are there, in full.
    meeting = world["meeting"]
    public_pack = pages[reverse("meetings:pack_download", args=[meeting.pk, "public"])]
    assert public_pack[0] == 200 and PUBLIC_CONTROL in public_pack[1]
    assert "Residential care review" in public_pack[1]  # by title and paragraph, as an exempt item
    versions = PackVersion.objects.filter(pack__meeting=meeting)
    assert versions.count() >= 3  # members', public, and the public pack built after the exemption
    assert all(v.get_download_url() in pages for v in versions)
    assert any(v.pack.kind == Pack.Kind.SUPPLEMENTARY for v in versions)
    public_supplementary = pages[reverse("meetings:pack_supplementary_download", args=[meeting.pk, "public"])]
    assert public_supplementary[0] == 200 and SUPPLEMENTARY_CONTROL in public_supplementary[1]
    # The members' outputs do hold what the public must not see, so the markers were really there.
    def members(kind):
        version = PackVersion.objects.filter(pack__meeting=meeting, pack__variant=Pack.Variant.MEMBERS,
                                             pack__kind=kind).order_by("-pk").first()
        with version.file.open("rb") as f:
            return pdf_text(f.read())

    members_main, members_supplementary = members(Pack.Kind.MAIN), members(Pack.Kind.SUPPLEMENTARY)
    assert "LKXPLANEXACT" in members_main and "LKXPLANEXPROG" in members_main
    assert "LKXSUPPEXEMPT" in members_supplementary and "LKXSUPPEXAPPX" in members_supplementary
    indicator = Indicator.objects.get(title="Children in care who offended")
    csv_text = pages[reverse("performance:indicator_export", args=[indicator.pk])]
    assert csv_text[0] == 200 and "2.5" in csv_text[1]  # the ordinary period's figure is published


def test_public_front_sheet_names_the_last_meeting_actually_held(world, client):
    held = world["meetings"][0]
    hidden = world["hidden"]
    meeting = world["meeting"]
    public_pack = body_text(client.get(reverse("meetings:pack_download", args=[meeting.pk, "public"])))
    flowing = " ".join(public_pack.split())
    assert f"Last meeting held on {held.date.day} {held.date:%B %Y} (for confirmation)" in flowing
    assert f" {hidden.date.day} {hidden.date:%B %Y}" not in flowing
    assert "indicates present" not in flowing  # no draft minutes, so nobody is said to be present
