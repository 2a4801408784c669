"""Agenda packs: what was asked for (Pack), what was produced (PackVersion), and the section cache."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Pack(models.Model):
    """One pack of one meeting: the members' or the public variant, main or supplementary.

    Holds the render state shown on the meeting page and points at the latest good version; a
    failed render records why and leaves `current_version` alone.
    """

    class Variant(models.TextChoices):
        MEMBERS = "members", "Members' pack"
        PUBLIC = "public", "Public pack"

    class Kind(models.TextChoices):
        MAIN = "main", "Agenda pack"
        SUPPLEMENTARY = "supplementary", "Supplementary pack"

    class State(models.TextChoices):
        NONE = "", "Not yet published"
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="packs")
    variant = models.CharField(max_length=10, choices=Variant.choices)
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.MAIN)
    state = models.CharField(max_length=10, choices=State.choices, blank=True, default="")
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    failed_paper = models.CharField(max_length=400, blank=True)
    current_version = models.ForeignKey(
        "packs.PackVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Each publish request bumps `requested`; a render records the request it satisfied in `built`,
    # so a request that arrives during a render is rendered afterwards, and a duplicate is a no-op.
    requested = models.PositiveIntegerField(default=0)
    built = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    requested_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "meetings_pack"  # the table it had inside meetings/
        constraints = [
            models.UniqueConstraint(fields=["meeting", "variant", "kind"], name="one_pack_per_meeting_variant_kind")
        ]
        ordering = ["meeting", "kind", "variant"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_variant_display()}) – {self.meeting}"

    @property
    def progress(self) -> str:
        if self.state == self.State.RENDERING and self.progress_total:
            return f"section {self.progress_done} of {self.progress_total}"
        return ""

    @property
    def busy(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)

    def get_download_url(self):
        if self.kind == self.Kind.SUPPLEMENTARY:
            return reverse("meetings:pack_supplementary_download", args=[self.meeting_id, self.variant])
        return reverse("meetings:pack_download", args=[self.meeting_id, self.variant])


def pack_version_path(instance, filename):
    return f"packs/{instance.pack.meeting_id}/{filename}"


class PackVersionQuerySet(models.QuerySet):
    def not_withdrawn(self):
        return self.filter(withdrawn_at__isnull=True)


class PackVersion(models.Model):
    """A published pack as it was: a record, never overwritten or deleted.

    A withdrawn version stops being served to anyone but the board's clerks (the public and members
    get a 410 page saying when it was withdrawn); it stays as the record of what was published.
    """

    pack = models.ForeignKey(Pack, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    file = models.FileField(upload_to=pack_version_path, max_length=300)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)
    # What the pack was built from: {"items": [...], "papers": [...], "frontsheet": hash}; see sources.py.
    sources = models.JSONField(default=dict)
    sources_digest = models.CharField(max_length=64)
    # Where each item and paper starts, as on the contents page.
    contents = models.JSONField(default=list)
    # Which sections were rendered for this version and which came from the cache.
    stats = models.JSONField(default=dict)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    withdrawn_reason = models.TextField(blank=True)

    history = HistoricalRecords(table_name="meetings_historicalpackversion", excluded_fields=["sources", "contents", "stats"])
    objects = PackVersionQuerySet.as_manager()

    class Meta:
        db_table = "meetings_packversion"  # the table it had inside meetings/
        ordering = ["pack", "-number"]
        constraints = [models.UniqueConstraint(fields=["pack", "number"], name="unique_pack_version_number")]

    def __str__(self):
        return f"{self.pack} v{self.number}"

    def get_download_url(self):
        return reverse("meetings:pack_version_download", args=[self.pk])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def rendered_section_path(instance, filename):
    return f"packs/sections/{instance.key[:2]}/{filename}"


class RenderedSection(models.Model):
    """A rendered paper (or a converted appendix), keyed by a hash of exactly what went into it."""

    key = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=400, blank=True)
    file = models.FileField(upload_to=rendered_section_path, max_length=300)
    page_count = models.PositiveIntegerField(default=0)
    bookmarks = models.JSONField(default=list)
    render_seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)


    class Meta:
        db_table = "meetings_renderedsection"  # the table it had inside meetings/

    def __str__(self):
        return self.label or self.key
