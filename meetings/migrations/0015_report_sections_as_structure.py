"""Report sections become structure: every paragraph numbers itself unless it is a continuation.

Before, the numbers were guessed at display time: where a section had sub-headings the headings
were numbered and the paragraphs under them were not; Trix stored paragraphs as
<div>…<br><br>…</div>. This keeps every existing report reading with the numbers it showed:
Trix's blocks become paragraphs, and in a section with sub-headings the paragraphs are marked
as continuations. The history rows are left as they were recorded.
"""
from django.db import migrations

SECTIONS = ["background", "reasons", "other_options", "financial", "risk", "equality",
            "background_papers", "published_documents"]


def to_structure(apps, schema_editor):
    from lxml import html as lxml_html

    from core.report_html import _fragments, from_trix

    Report = apps.get_model("meetings", "Report")
    for report in Report.objects.all().only("pk", *SECTIONS).iterator():
        changed = {}
        for name in SECTIONS:
            old = getattr(report, name) or ""
            if not old.strip():
                continue
            new = from_trix(old)
            nodes = _fragments(new)
            if any(n.tag == "h3" for n in nodes):
                for n in nodes:
                    if n.tag == "p":
                        n.set("class", "continuation")
                new = "".join(lxml_html.tostring(n, encoding="unicode") for n in nodes)
            if new != old:
                changed[name] = new
        if changed:
            # update() goes through SanitisedHTMLField.get_db_prep_save: stored canonical and clean.
            Report.objects.filter(pk=report.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0014_report_due_and_reminders")]
    operations = [migrations.RunPython(to_structure, migrations.RunPython.noop)]
