"""`created` and `modified` for every OParl object, read from the django-simple-history records.

Most domain models carry no timestamps of their own; their history does: an object was created
when its first history record was written and last changed at its newest one. Deleting an object
also writes a record, so a deleted agenda item or membership moves its meeting's or board's
`modified` on, as OParl asks (2.8: objects that may simply vanish update whoever embedded them).
"""
import datetime

from django.db.models import DateTimeField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

# For a row written before history was kept (or by a bulk insert, which writes none).
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


def _first_or_last(model, outer: str, field: str, newest: bool) -> Subquery:
    history = model.history.model
    order = "-history_date" if newest else "history_date"
    rows = history.objects.filter(**{field: OuterRef(outer)}).order_by(order).values("history_date")[:1]
    return Subquery(rows, output_field=DateTimeField())


def first_record(model, outer: str = "pk", field: str = "id"):
    return Coalesce(_first_or_last(model, outer, field, newest=False), Value(EPOCH))


def last_record(model, outer: str = "pk", field: str = "id"):
    return Coalesce(_first_or_last(model, outer, field, newest=True), Value(EPOCH))


def latest(*expressions):
    """The newest of several timestamps (each already coalesced, so never NULL on any database)."""
    if len(expressions) == 1:
        return expressions[0]
    return Greatest(*expressions, output_field=DateTimeField())


def as_text(moment: datetime.datetime | None) -> str | None:
    """OParl's date-time: `yyyy-mm-ddThh:mm:ss±hh:mm`, in UK time, without microseconds."""
    if moment is None:
        return None
    from django.utils import timezone

    return timezone.localtime(moment).replace(microsecond=0).isoformat()
