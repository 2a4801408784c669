"""What the meetings app tells the apps above it (they connect in their AppConfig.ready()).

`agenda_published(sender=Meeting, meeting=…, user=…)` is sent inside the transaction that
publishes the agenda, so what a receiver writes (a frozen action plan) commits or rolls back with
the publication itself.
"""
from django.dispatch import Signal

agenda_published = Signal()
