"""Meeting, agenda and report pages, by sub-domain: meetings (`meetings`), agenda items (`agenda`),
reports (`reports`) and appendices (`appendices`). Views parse and respond; the services hold the
rules. The names meetings/urls.py routes to are gathered here.
"""
from .agenda import item_create, item_delete, item_detail, item_edit, item_history, item_move, items_reorder
from .appendices import attachment_add, attachment_download, attachment_move, attachment_remove, attachment_replace
from .meetings import (
    meeting_cancel, meeting_create, meeting_detail, meeting_edit, meeting_frontsheet, meeting_history,
    meeting_publish,
)
from .reports import (
    my_reports, report_approve, report_create, report_detail, report_edit, report_history, report_return,
    report_submit, report_withdraw,
)

__all__ = [
    "attachment_add",
    "attachment_download",
    "attachment_move",
    "attachment_remove",
    "attachment_replace",
    "item_create",
    "item_delete",
    "item_detail",
    "item_edit",
    "item_history",
    "item_move",
    "items_reorder",
    "meeting_cancel",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_frontsheet",
    "meeting_history",
    "meeting_publish",
    "my_reports",
    "report_approve",
    "report_create",
    "report_detail",
    "report_edit",
    "report_history",
    "report_return",
    "report_submit",
    "report_withdraw",
]
