"""Render a meeting's agenda pack now, through the same code as the Celery task."""
import shutil

from django.core.management.base import BaseCommand, CommandError

from packs.models import Pack
from packs.services import pack_build


class Command(BaseCommand):
    help = "Render the agenda pack of a meeting synchronously and write it to a file."

    def add_arguments(self, parser):
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--variant", choices=[v.value for v in Pack.Variant], default=Pack.Variant.MEMBERS)
        parser.add_argument("--kind", choices=[k.value for k in Pack.Kind], default=Pack.Kind.MAIN)
        parser.add_argument("--out", required=True, help="Where to write the PDF.")
        parser.add_argument("--force", action="store_true", help="Assemble again even if nothing changed.")

    def handle(self, meeting_id, variant, kind, out, force, **options):
        version = pack_build(meeting_id=meeting_id, variant=variant, kind=kind, wait=True, force=force)
        pack = Pack.objects.get(meeting_id=meeting_id, variant=variant, kind=kind)
        if version is None:
            raise CommandError(f"The pack failed: {pack.failed_paper}: {pack.error}")
        with version.file.open("rb") as source, open(out, "wb") as target:
            shutil.copyfileobj(source, target)
        stats = version.stats or {}
        self.stdout.write(
            f"{out}: {version.page_count} pages, version {version.number}; "
            f"rendered {len(stats.get('rendered', []))} section(s) in {stats.get('total_seconds', '?')} s"
        )
