from django.core.management.base import BaseCommand
from django.db import connection

from search.backends import backend
from search.indexing import rebuild_all
from search.models import DocumentText
from search.services import document_text_extract


class Command(BaseCommand):
    help = "Rebuild the search index from the database (and read any appendix or pack text not yet read)."

    def add_arguments(self, parser):
        parser.add_argument("--no-text", action="store_true", help="Do not read text out of appendices and packs.")

    def handle(self, *args, no_text=False, **options):
        with connection.cursor() as cursor:
            backend().install(cursor)  # puts back the full-text column or table if a migration dropped it
        if not no_text:
            from meetings.models import Attachment
            from packs.models import PackVersion

            known = set(DocumentText.objects.values_list("sha256", flat=True))
            for pk, sha in Attachment.objects.values_list("pk", "sha256"):
                if not sha or sha not in known:
                    document_text_extract(kind="attachment", pk=pk)
            for pk, sha in PackVersion.objects.not_withdrawn().values_list("pk", "sha256"):
                if not sha or sha not in known:
                    document_text_extract(kind="pack", pk=pk)
        count = rebuild_all()
        self.stdout.write(f"Search index rebuilt: {count} entries.")
