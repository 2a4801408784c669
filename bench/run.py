"""`make bench`: how long the agenda pack takes, against a single WeasyPrint pass of the same document.

Builds a realistic meeting (front sheet, minutes, reports with tables and PDF appendices, text from
the reference papers) inside a transaction that is rolled back, with media in a temporary folder,
then measures for a ~150-page and a ~400-page pack:
  cold        the finished members' pack from an empty section cache;
  one_change  the same after one report is edited;
  single_pass one tagged WeasyPrint pass over the whole document (what most Django apps do);
and peak RSS of the task process (assembly) and of every render process, and the file sizes.
Then `bench/reader.py`: the reader's first page of the ~150-page pack in headless Chromium, and
note saves (p50/p95).
Each size runs in its own process so memory figures do not mix. Writes bench/results.json.
"""
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REFERENCE = Path(os.environ.get("QUORUM_REFERENCE_DIR", "/work/shared/reference"))
SIZES = {"150": {"reports": 10, "paragraphs": 38, "appendix_pages": 3},
         "400": {"reports": 22, "paragraphs": 50, "appendix_pages": 4}}


def _paragraphs():
    texts = []
    for name in ("000_a2ad3c7a7f996cd2.txt", "001_2e4d6c2b67748095.txt"):
        path = REFERENCE / name
        if path.exists():
            for line in path.read_text().splitlines():
                line = re.sub(r"^[-*\s]+|\*\*", "", line).strip()
                if len(line) > 120:
                    texts.append(line)
    return texts or ["The Corporate Parenting Board receives reports on the outcomes of children in care. " * 4]


def _table(n):
    rates = [19.1, 13.2, 9.4, 8.8, 9.8, 9.0, 9.8, 8.7]
    cohorts = [220, 242, 223, 216, 215, 222, 225, 230]
    rows = "".join(f"<tr><td>{2005 + i}/{6 + i:02d}</td><td>{cohorts[i]}</td><td>{rates[i]}%</td>"
                   f"<td>{round(cohorts[i] * rates[i] / 100)}</td></tr>" for i in range(8))
    return (f"<table><caption>Table {n}: children in care aged 10+ cautioned or convicted</caption>"
            "<thead><tr><th>Year</th><th>Cohort</th><th>Rate</th><th>Number</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _build_meeting(spec):
    import datetime

    from django.utils import timezone

    from boards.models import Board, Membership, Person
    from meetings.models import AgendaItem, Meeting, Report
    from tests.packs.factories import add_appendix, appendix_pdf

    texts = _paragraphs()
    board = Board.objects.create(name="Corporate Parenting Board", slug=f"bench-{time.time_ns()}",
                                 council_name="Nottingham City Council", report_heading="Corporate Parenting Board Report")
    clerk = Person.objects.create(first_name="Catherine", last_name="Ziane-Pryor", phone="0115 8764298")
    Membership.objects.create(board=board, person=clerk, role=Membership.Role.CLERK)
    board.clerk = clerk
    board.save()
    from django.contrib.auth import get_user_model

    author = get_user_model().objects.create(username=f"bench-{time.time_ns()}")
    meeting = Meeting.objects.create(board=board, date=datetime.date(2031, 11, 17), start_time=datetime.time(14),
                                     venue="LB 31/32 at Loxley House, Station Street", agenda_published_at=timezone.now())
    standard = [("apologies", "Apologies for absence"), ("declarations", "Declarations of interests"), ("minutes", "Minutes")]
    for position, (kind, title) in enumerate(standard, start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, kind=kind, title=title,
                                  paper_status="attached" if kind == "minutes" else "")
    minutes_item = meeting.items.get(position=3)
    k = 0

    def body(count, section):
        nonlocal k
        parts = []
        for i in range(count):
            if i % 8 == 3:
                parts.append(f"<h3>Heading {section}.{i}</h3>")
            parts.append(f"<p>{texts[k % len(texts)]}</p>")
            k += 1
            if i % 10 == 6:
                parts.append(_table(i))
        return "".join(parts)

    reports, appendices = [], {}
    minutes = Report.objects.create(board=board, author=author, agenda_item=minutes_item, status="published",
                                    title="Minutes of the meeting held on 22 September 2031", summary=texts[0],
                                    recommendations="To confirm the minutes.", background=body(spec["paragraphs"], 1))
    reports.append(minutes)
    for n in range(spec["reports"]):
        item = AgendaItem.objects.create(meeting=meeting, position=4 + n, title=f"Report {n + 1}: " + texts[n % len(texts)][:60],
                                         presenter="Report of Director of Safeguarding", paper_status="attached")
        report = Report.objects.create(
            board=board, author=author, agenda_item=item, status="published", title=item.title,
            directors="Helen Blackman, Acting Director of Safeguarding", contact_officers="Anne Partington\nMartin Hillier",
            summary=texts[(n + 3) % len(texts)], recommendations="To note the report.\nTo ask for a further update.",
            background=body(spec["paragraphs"], 1), reasons=body(4, 2), other_options="<p>None.</p>",
            financial=body(3, 4), risk=body(3, 5), equality="<p>N/A</p>",
            background_papers="<p>Annual statutory return (903) for CiC.</p>", published_documents="<p>N/A</p>")
        appendix_html = "".join(f"<p>{texts[(n + j) % len(texts)]}</p>" + _table(j) for j in range(6 * spec["appendix_pages"]))
        attachment = add_appendix(report, f"Appendix data {n + 1}", appendix_pdf(appendix_html, pages=1))
        appendices[attachment.file.name] = appendix_html
        reports.append(report)
    return meeting, reports, appendices


def _single_pass_html(plan, appendices):
    """The whole pack as one HTML document, as a one-pass renderer would see it."""
    bodies = []

    def body_of(html):
        return re.search(r"<body[^>]*>(.*)</body>", html, re.S).group(1)

    bodies.append(f"<div class='frontsheet-page'><main class='frontsheet'>{body_of(plan.cover_html)}</main></div>")
    for paper in plan.papers():
        if paper.kind == "html":
            bodies.append(body_of(paper.html))
        else:
            bodies.append(appendices[paper.storage_name])
    head = ("<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>Pack</title>"
            "<link rel='stylesheet' href='/static/packs/pack.css'><link rel='stylesheet' href='/static/css/frontsheet.css'>")
    sections = "".join(f"<section style='break-before: page'>{b}</section>" for b in bodies)
    return (head + "<style>@page { @bottom-left { content: 'Corporate Parenting Board'; font-size: 8pt } "
            "@bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 8pt } }</style>"
            f"</head><body>{sections}</body></html>")


def _child_single_pass(html, out_path):
    from core.pdf import render_html

    started = time.perf_counter()
    result = render_html(html, tagged=True)
    Path(out_path).write_bytes(result.pdf)
    Path(out_path + ".json").write_text(json.dumps({"seconds": time.perf_counter() - started,
                                                    "pages": result.page_count}))
    os._exit(0)


def run_size(size: str) -> dict:
    import django

    media = tempfile.mkdtemp(prefix="quorum-bench-media-")
    os.environ["MEDIA_ROOT"] = media
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quorum.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import transaction

    from packs.models import Pack, RenderedSection
    from packs.render import build_plan
    from packs.services import pack_build

    spec = SIZES[size]
    out = {"size": size, "spec": spec, "cores": os.cpu_count()}
    with transaction.atomic():
        meeting, reports, appendices = _build_meeting(spec)
        RenderedSection.objects.all().delete()  # cold: nothing cached (rolled back at the end)

        started = time.perf_counter()
        version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
        out["cold_seconds"] = round(time.perf_counter() - started, 3)
        assert version is not None, Pack.objects.get(meeting=meeting, variant="members").error
        out["pages"] = version.page_count
        out["size_bytes"] = version.size
        out["cold_sections_rendered"] = len(version.stats["rendered"])
        with version.file.open("rb") as f:
            data = f.read()
        tmp_pack = Path(media) / "pack.pdf"
        tmp_pack.write_bytes(data)
        check = subprocess.run(["qpdf", "--check", str(tmp_pack)], capture_output=True, text=True)
        out["qpdf_check_clean"] = check.returncode == 0

        report = reports[len(reports) // 2]
        report.summary += " Updated after publication."
        report.save()
        started = time.perf_counter()
        second = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
        out["one_change_seconds"] = round(time.perf_counter() - started, 3)
        out["one_change_sections_rendered"] = second.stats["rendered"]

        out["peak_rss_mb_task_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        out["peak_rss_mb_render_process"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)

        plan = build_plan(meeting.pk, Pack.Variant.MEMBERS)
        html = _single_pass_html(plan, appendices)  # appendices inline: the same content in one pass
        single_path = str(Path(media) / "single.pdf")
        pid = os.fork()
        if pid == 0:
            _child_single_pass(html, single_path)
        _, status, usage = os.wait4(pid, 0)
        single = json.loads(Path(single_path + ".json").read_text())
        out["single_pass_seconds"] = round(single["seconds"], 3)
        out["single_pass_pages"] = single["pages"]
        out["single_pass_peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
        out["single_pass_size_bytes"] = os.path.getsize(single_path)
        transaction.set_rollback(True)
    out["cold_vs_single_pass"] = round(out["single_pass_seconds"] / out["cold_seconds"], 2)
    out["one_change_vs_single_pass"] = round(out["single_pass_seconds"] / out["one_change_seconds"], 2)
    out["size_ratio_vs_single_pass"] = round(out["size_bytes"] / out["single_pass_size_bytes"], 2)
    return out


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--size":
        print(json.dumps(run_size(sys.argv[2])))
        return
    results = {"machine": {"cores": os.cpu_count()}, "packs": {}}
    for size in SIZES:
        done = subprocess.run([sys.executable, "-m", "bench.run", "--size", size], cwd=ROOT,
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"bench for {size} pages failed")
        results["packs"][size] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results["packs"][size], indent=2))
    done = subprocess.run([sys.executable, "-m", "bench.reader"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit("reader bench failed")
    results["reader"] = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(results["reader"], indent=2))
    done = subprocess.run([sys.executable, "-m", "bench.search"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit("search bench failed")
    results["search"] = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(results["search"], indent=2))
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"Written {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
