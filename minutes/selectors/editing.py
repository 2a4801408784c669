"""Reads for the minutes editor: the points removed from a minute, which it offers to restore."""
from core.formats import letter, roman
from minutes.models import Minute, MinutePoint


def removed_points(minute: Minute, limit: int = 10) -> list[dict]:
    """Points removed from this minute and not put back, newest first, each with the sub-points that
    went with it: what the minute page offers to restore."""
    existing = set(MinutePoint.objects.filter(minute=minute).values_list("id", flat=True))
    latest = {}
    for record in (MinutePoint.history.filter(minute_id=minute.pk).select_related("history_user")
                   .order_by("history_date", "history_id")):
        latest[record.id] = record
    removed = [r for r in latest.values() if r.history_type == "-" and r.id not in existing]
    parents = {p.pk: p for p in MinutePoint.objects.filter(pk__in={r.parent_id for r in removed if r.parent_id})}
    rows = []
    for record in removed:
        if record.parent_id and record.parent_id not in parents:
            continue  # it comes back with its own point
        if record.parent_id:
            parent = parents[record.parent_id]
            label = f"sub-point ({roman(record.order)}) of a point"
            if parent.parent_id is None:
                siblings = list(MinutePoint.objects.filter(minute=minute, parent=None).order_by("order", "pk")
                                .values_list("pk", flat=True))
                label = f"sub-point ({roman(record.order)}) of point ({letter(siblings.index(parent.pk) + 1)})"
        else:
            label = f"point ({letter(record.order)})"
        user = record.history_user
        rows.append({
            "id": record.id, "label": label, "text": record.text, "when": record.history_date,
            "who": (user.get_full_name() or user.username) if user else "",
            "sub_points": sum(1 for r in removed if r.parent_id == record.id),
        })
    rows.sort(key=lambda r: r["when"], reverse=True)
    return rows[:limit]
