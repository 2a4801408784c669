"""The search index: one row per thing a result can link to, with who may read it.

Rows are built by `search.indexing` from the domain models (never typed by anyone) and carry the
visibility the query filters on, so a result, its title and its snippet come only from rows the
reader may read. The full-text part lives beside the table, by database: a generated, weighted
`tsvector` column with a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite
(see migrations/0002 and `search.backends`).
"""
from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    AGENDA = "agenda", "Agenda items"
    REPORT = "report", "Reports"
    APPENDIX = "appendix", "Appendices"
    MINUTES = "minutes", "Minutes"
    DECISION = "decision", "Decisions"
    PACK = "pack", "Agenda packs"


class Readers(models.TextChoices):
    """Besides the public (`SearchEntry.public`): who on the row's board may read it."""

    BOARD = "board", "Anyone with a role on the board"
    MEMBERS = "members", "The board's members and clerks"
    CLERKS = "clerks", "The board's clerks"


class SearchEntry(models.Model):
    group = models.CharField(max_length=40, db_index=True,
                             help_text='What the row was built from, e.g. "report:12": rebuilt as one.')
    kind = models.CharField(max_length=10, choices=Kind.choices)
    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey("meetings.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.TextField(blank=True)
    heading = models.TextField(blank=True)
    body = models.TextField(blank=True)
    label = models.CharField(max_length=400, help_text="What the result is called on the results page.")
    url = models.CharField(max_length=300)
    public = models.BooleanField(default=False)
    readers = models.CharField(max_length=10, choices=Readers.choices, default=Readers.CLERKS)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # When the document became public (agenda, minutes or pack published): phrase alerts send
    # only what became public after the subscriber confirmed.
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [
            models.Index(fields=["public", "kind"]),
            models.Index(fields=["board", "year"]),
            models.Index(fields=["published_at"]),
        ]

    def __str__(self):
        return self.label

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


KIND_NAMES = {Kind.AGENDA: "Agenda item", Kind.REPORT: "Report", Kind.APPENDIX: "Appendix",
              Kind.MINUTES: "Minutes", Kind.DECISION: "Decision", Kind.PACK: "Agenda pack"}


class DocumentText(models.Model):
    """The text inside a stored file (appendix or pack), extracted once per content (sha256)."""

    sha256 = models.CharField(max_length=64, unique=True)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True, help_text="Why no text could be read, if so.")
    extracted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Text of {self.sha256[:12]}"
