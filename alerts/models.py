"""E-mail alerts for anyone, no account needed: a board's news, or new documents matching words.

An address is kept only while it is subscribed (unsubscribing deletes the row) and is never shown
on any page. Nothing is sent to it but the confirmation until it is confirmed (double opt-in).
"""
from django.db import models
from django.db.models import Q


class Subscription(models.Model):
    email = models.EmailField()
    board = models.ForeignKey("boards.Board", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    phrase = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "board"], condition=Q(board__isnull=False), name="one_board_alert"),
            models.UniqueConstraint(fields=["email", "phrase"], condition=~Q(phrase=""), name="one_phrase_alert"),
            models.CheckConstraint(condition=Q(board__isnull=False) | ~Q(phrase=""), name="alert_follows_something"),
        ]

    def __str__(self):
        return f"Alert {self.pk}"

    @property
    def subject(self) -> str:
        """What is followed, in words (never the address)."""
        return self.board.name if self.board_id else f"documents matching “{self.phrase}”"


class AlertSent(models.Model):
    """One row per subscription and thing announced: nothing is announced twice."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent")
    key = models.CharField(max_length=120)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "key"], name="alert_sent_once")]

    def __str__(self):
        return self.key


class RateCount(models.Model):
    """How many times a key (a sender's address, or the hash of an e-mail address) used the
    subscription form in one hour-long window. Kept in the database so that every web process on
    every machine counts together, whatever cache is configured; old windows are deleted as new
    ones start."""

    key = models.CharField(max_length=100)
    window = models.BigIntegerField(help_text="Hours since the epoch.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="alerts_ratecount_key_window")]
