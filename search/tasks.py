"""Celery tasks of the search app: thin, taking ids; the services do the work."""
from celery import shared_task
from django.core.management import call_command

from .services import document_text_extract


@shared_task(acks_late=True)
def extract_document_text(kind: str, pk: int) -> bool:
    """Read a stored appendix's or pack's text into the index (once per content)."""
    return document_text_extract(kind=kind, pk=pk) is not None


@shared_task(acks_late=True)
def rebuild_search_index() -> None:
    call_command("rebuild_search_index")
