"""Writes to meetings, agenda items, reports and appendices, by sub-domain: scheduling meetings
(`meetings`), the agenda and its publication (`agenda`), reports (`reports`) and their appendices
(`appendices`). Each function is one transaction. The names the views, admin and tasks use are
gathered here.
"""
from .agenda import (
    EXCLUSION_DESCRIPTION, EXCLUSION_TITLE, agenda_item_create, agenda_item_delete, agenda_item_move,
    agenda_item_update, agenda_items_reorder, agenda_publish, deadline_status,
)
from .appendices import attachment_add, attachment_move, attachment_recheck, attachment_remove, attachment_replace
from .meetings import RESCHEDULE_FIELDS, STANDARD_ITEMS, meeting_cancel, meeting_create, meeting_update
from .reports import (
    REPORT_HTML_FIELDS, REVISION_NOTE_NEEDED, report_approve, report_changes, report_create, report_return,
    report_submit, report_update, report_withdraw,
)

__all__ = [
    "EXCLUSION_DESCRIPTION",
    "EXCLUSION_TITLE",
    "REPORT_HTML_FIELDS",
    "RESCHEDULE_FIELDS",
    "REVISION_NOTE_NEEDED",
    "STANDARD_ITEMS",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "agenda_items_reorder",
    "agenda_publish",
    "attachment_add",
    "attachment_move",
    "attachment_recheck",
    "attachment_remove",
    "attachment_replace",
    "deadline_status",
    "meeting_cancel",
    "meeting_create",
    "meeting_update",
    "report_approve",
    "report_changes",
    "report_create",
    "report_return",
    "report_submit",
    "report_update",
    "report_withdraw",
]
