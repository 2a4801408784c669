"""Check every stored appendix as if it were uploaded today (uploads are parsed, not sniffed)."""
from django.core.management.base import BaseCommand

from meetings import services
from meetings.models import Attachment


class Command(BaseCommand):
    help = ("Check stored appendices by content: PDFs with scripts, launch actions or attached files are "
            "replaced by their cleaned copy; Word and Excel files that link outside themselves are listed "
            "for a clerk to replace. Exits with status 1 if any file is refused.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, dry_run, **options):
        refused = 0
        for attachment in Attachment.objects.select_related("report").order_by("pk").iterator():
            outcome = services.attachment_recheck(attachment=attachment, dry_run=dry_run)
            if outcome != "ok":
                self.stdout.write(f"Appendix {attachment.pk} “{attachment.title}” of report {attachment.report_id} "
                                  f"“{attachment.report.title}”: {outcome}")
            refused += outcome.startswith("refused")
        if refused:
            self.stderr.write(f"{refused} appendix file(s) refused: replace them (they are converted only in the sandbox).")
            raise SystemExit(1)
