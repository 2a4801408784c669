"""A member's private notes on packs, and what they last read.

Deliberately not audited with django-simple-history and not in the admin: a note is its author's
alone (not the clerk's, not the admin's, not History's). A note is anchored to the paper, not the
file: the paper's key (stable across edits: "report:5"), the content hash of the paper it was last
placed on, the page within that paper, and the quoted words with some context either side (as the
W3C Web Annotation TextQuoteSelector), so a new pack version can find the words again.
"""
import uuid

from django.conf import settings
from django.db import models


class Annotation(models.Model):
    class Kind(models.TextChoices):
        HIGHLIGHT = "highlight", "Highlight"
        PAGE_NOTE = "page_note", "Note on a page"
        BOOKMARK = "bookmark", "Bookmark"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="annotations")
    # The client's id for the note: an offline note sent twice is saved once.
    client_id = models.UUIDField(default=uuid.uuid4)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    item_key = models.CharField(max_length=40, blank=True)
    item_number = models.PositiveIntegerField(null=True, blank=True)
    item_title = models.CharField(max_length=400, blank=True)
    paper_key = models.CharField(max_length=60)
    paper_title = models.CharField(max_length=400, blank=True)
    # Whether the paper was exempt when the note was placed: its quote is then exempt material too.
    exempt = models.BooleanField(default=False)
    paper_hash = models.CharField(max_length=64)
    page_in_paper = models.PositiveIntegerField(default=0)
    quote_exact = models.TextField(blank=True)
    quote_prefix = models.CharField(max_length=64, blank=True)
    quote_suffix = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    # The version the note was made on or last placed on.
    version = models.ForeignKey("packs.PackVersion", on_delete=models.CASCADE, related_name="+")
    # Set when a newer version of the paper no longer has the quoted words (the paper hash it failed in).
    unplaced_hash = models.CharField(max_length=64, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "item_number", "paper_key", "page_in_paper", "created_at"]
        constraints = [models.UniqueConstraint(fields=["owner", "client_id"], name="one_note_per_client_id")]
        indexes = [models.Index(fields=["owner", "meeting"])]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.paper_title or self.paper_key}"

    @property
    def unplaced(self) -> bool:
        return bool(self.unplaced_hash)


class ReadingMark(models.Model):
    """The last version of a pack a member opened: "what changed since I last read it"."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    pack = models.ForeignKey("packs.Pack", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey("packs.PackVersion", on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "pack"], name="one_reading_mark_per_pack")]


class VersionText(models.Model):
    """The text of each page of a pack version (pdftotext), read once, for finding quotes again."""

    version = models.OneToOneField("packs.PackVersion", on_delete=models.CASCADE, related_name="+")
    pages = models.JSONField(default=list)
