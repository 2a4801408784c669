"""Attendance, declarations, minutes editor, printed minutes, resolution tracker and people pages.

Views parse and respond; the rules live in `minutes_services`, who may do what in `rules.py`.
Every editing page works without JavaScript (plain forms that redirect back); drag and drop is
an extra on top of the Move up / Move down buttons.

By sub-domain: `reading` (minutes page, print, PDF), `editor` (the minutes of a meeting and single
minutes), `points` (points and resolutions under a minute), `attendance` (attendance, others,
apologies, declarations), `resolutions` (tracker, resolution page, response paper) and `people`
(person page, interests); `_common` holds what they share. `meetings/urls.py` keeps using
`minutes_views.<name>`: every view is re-exported here.
"""
from ._common import refuses_locked
from .attendance import apologies, attendance, declaration_delete, declaration_edit, declarations, other_add, other_remove
from .editor import (
    minute_correct, minute_delete, minute_edit, minute_insert, minute_move, minutes_confirm, minutes_draft,
    minutes_edit, minutes_publish, minutes_refresh, minutes_sign, minutes_unpublish,
)
from .people import board_register, interest_add, interest_end, person_detail
from .points import (
    point_add, point_delete, point_edit, point_move, point_restore, points_reorder, resolution_add, resolution_delete,
    resolution_edit, resolution_move, resolutions_reorder,
)
from .reading import minutes_pdf, minutes_print, minutes_view
from .resolutions import my_resolutions, resolution_detail, resolution_tracker, response_paper

__all__ = [
    "apologies", "attendance", "board_register", "declaration_delete", "declaration_edit", "declarations", "interest_add", "interest_end",
    "meeting_links_context", "minute_correct", "minute_delete", "minute_edit", "minute_insert", "minute_move",
    "minutes_confirm", "minutes_draft", "minutes_edit", "minutes_pdf", "minutes_print", "minutes_publish",
    "minutes_refresh", "minutes_sign", "minutes_unpublish", "minutes_view", "other_add", "other_remove",
    "person_detail", "point_add", "point_delete", "point_edit", "point_move", "point_restore", "points_reorder",
    "refuses_locked", "resolution_add", "resolution_delete", "resolution_detail", "resolution_edit",
    "my_resolutions", "resolution_move", "resolution_tracker", "resolutions_reorder", "response_paper",
]
