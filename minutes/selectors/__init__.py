"""Reads for minutes pages and papers, with their joins done up front (no query per row), by
sub-domain: the printed document (`printed`), the register of interests (`interests`), the
resolution tracker and response paper (`resolutions`), the editor (`editing`), and the public's
view (`public`). The names the views, papers and other apps use are gathered here.
"""
from .editing import removed_points
from .interests import register_of_interests
from .printed import (
    declaration_sentence, meeting_for_minutes, minute_layout, minute_points, minute_resolutions, minutes_document,
    printed_minutes, short_name,
)
from .public import meeting_links, minutes_for_confirmation, public_minutes
from .resolutions import labels_for, my_resolutions, open_resolutions, resolutions_for_board, response_paper

__all__ = [
    "declaration_sentence", "labels_for", "meeting_for_minutes", "meeting_links", "minute_layout", "minute_points",
    "minute_resolutions", "minutes_document", "minutes_for_confirmation", "my_resolutions", "open_resolutions",
    "printed_minutes", "public_minutes", "register_of_interests", "removed_points", "resolutions_for_board",
    "response_paper", "short_name",
]
