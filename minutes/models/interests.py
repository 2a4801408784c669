"""The register of interests and the declarations made at meetings."""
from django.db import models
from simple_history.models import HistoricalRecords

from boards.models import Person
from meetings.models import AgendaItem, Meeting

from .record import LockedWithMinutes


class InterestKind(models.TextChoices):
    DISCLOSABLE_PECUNIARY = "dpi", "Disclosable pecuniary interest"
    OTHER_REGISTRABLE = "other_registrable", "Other registrable interest"
    NON_REGISTRABLE = "non_registrable", "Non-registrable interest"
    NOT_REQUIRED = "not_required", "Not required to declare, but informed the board"


class Interest(models.Model):
    """An entry on a member's register of interests (Localism Act 2011)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interests")
    kind = models.CharField(max_length=20, choices=InterestKind.choices[:3], default=InterestKind.OTHER_REGISTRABLE)
    description = models.TextField()
    registered_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords(table_name="meetings_historicalinterest")

    class Meta:
        db_table = "meetings_interest"  # the table it had inside meetings/
        ordering = ["person", "-registered_on", "pk"]
        verbose_name = "register of interests entry"
        verbose_name_plural = "register of interests entries"

    def __str__(self):
        return f"{self.person}: {self.description[:60]}"


class Declaration(LockedWithMinutes):
    """A member's declaration of an interest in an agenda item at a meeting."""

    class Action(models.TextChoices):
        LEFT_ROOM = "left_room", "Left the room during the item"
        STAYED_SILENT = "stayed_silent", "Stayed in the room but did not speak or vote"
        TOOK_PART = "took_part", "Took part in the item"

    ACTION_PHRASES = {
        Action.LEFT_ROOM: "left the room during this item",
        Action.STAYED_SILENT: "remained in the room but did not comment or vote during this item",
        Action.TOOK_PART: "took part in the discussion and vote on this item",
    }

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations", verbose_name="member")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    text = models.TextField(
        "the interest", help_text='In the member\'s words, e.g. "he had a close friend who was part of the Fostering Network".'
    )
    action = models.CharField("what the member did", max_length=20, choices=Action.choices)
    interest = models.ForeignKey(
        Interest, null=True, blank=True, on_delete=models.SET_NULL, related_name="declarations",
        verbose_name="entry on the register",
    )
    took_part_confirmed = models.BooleanField(
        "confirmed: took part despite a disclosable pecuniary interest", default=False,
        help_text="A member with a disclosable pecuniary interest must not take part unless a dispensation allows "
                  "it (Localism Act 2011, ss31 and 33). Tick only if that is what happened; the minutes flag it.",
    )
    # What the minutes record, when the clerk wrote it out (the reference's "informed the Committee
    # that, with regard to agenda item 4, (minute 24) ..."): printed as it stands, never rewritten
    # from the other fields.
    wording = models.TextField(
        "as minuted", blank=True,
        help_text="The sentence the minutes record, if it should read otherwise than the one written from the declaration.")
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(table_name="meetings_historicaldeclaration")

    class Meta:
        db_table = "meetings_declaration"  # the table it had inside meetings/
        ordering = ["meeting", "agenda_item__position", "pk"]

    def __str__(self):
        return f"{self.person} on item {self.agenda_item.number}"
