"""Writes to attendance, declarations, minutes and resolutions. Each function is one transaction.

Every function is keyword-only; each sets `history_user` through `_save`/`_audit` so the audit
trail names the person (or is empty for tasks and commands). Locked minutes are refused by the
model layer (`MinutesLocked`); the services check first so that the message is a clear one.

By sub-domain: `numbering` (the minutes record and minute numbers), `lifecycle` (draft, publish,
confirm, sign, correct), `editing` (minutes, and the points and resolutions under them),
`resolutions` (tracking and responses) and `attendance` (attendance, declarations, interests).
Callers keep using `from minutes import services as svc`; every name is re-exported here.
"""
from .attendance import (
    apology_record, attendance_add, attendance_prefill, attendance_record, board_members_at, declaration_add,
    declaration_delete, declaration_update, eligible_substitutes, interest_end, interest_register, other_attendee_add, other_attendee_remove,
)
from .editing import (
    minute_delete, minute_insert, minute_move, minute_update, point_add, point_delete, point_move, point_restore,
    point_update,
    points_reorder, resolution_add, resolution_delete, resolution_move, resolution_update, resolutions_reorder,
)
from .lifecycle import (
    NEXT_MEETING_TITLES, confirmation_text, correction_record, minutes_confirm, minutes_draft, minutes_publish,
    minutes_refresh_from_records, minutes_sign, minutes_unpublish, next_meeting_after, next_meeting_text,
)
from .numbering import minutes_first_number, minutes_record_for
from .resolutions import resolution_respond, resolution_track

__all__ = [
    "NEXT_MEETING_TITLES",
    "apology_record", "attendance_add", "attendance_prefill", "attendance_record", "board_members_at",
    "confirmation_text", "correction_record", "declaration_add", "declaration_delete", "declaration_update", "eligible_substitutes",
    "interest_end",
    "interest_register", "minute_delete", "minute_insert", "minute_move", "minute_update", "minutes_confirm",
    "minutes_draft", "minutes_first_number", "minutes_publish", "minutes_record_for",
    "minutes_refresh_from_records", "minutes_sign", "minutes_unpublish", "next_meeting_after",
    "next_meeting_text", "other_attendee_add", "other_attendee_remove", "point_add", "point_delete",
    "point_move", "point_restore", "point_update", "points_reorder", "resolution_add", "resolution_delete", "resolution_move",
    "resolution_respond", "resolution_track", "resolution_update", "resolutions_reorder",
]
