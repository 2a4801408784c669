"""Action plan pages, by what they show: plans (`plans`: list, edit, read, export, import,
snapshots, agenda links, reminders) and their sections and actions (`items`, with "My actions").
Views parse and respond; the services hold the rules; `rules` decides who. The names
actions/urls.py routes to are gathered here; progress entries and re-import have their own modules.
"""
from .plans import (
    plan_attach_agenda, plan_create, plan_detail, plan_edit, plan_export, plan_history, plan_import,
    plan_list, plan_reminders, plan_snapshot, snapshot_detail, snapshot_list,
)
from .items import (
    action_create, action_delete, action_detail, action_edit, action_history, action_move, action_row,
    action_update, my_actions, section_create, section_delete, section_edit, section_move,
)

__all__ = [
    "action_create",
    "action_delete",
    "action_detail",
    "action_edit",
    "action_history",
    "action_move",
    "action_row",
    "action_update",
    "my_actions",
    "plan_attach_agenda",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_export",
    "plan_history",
    "plan_import",
    "plan_list",
    "plan_reminders",
    "plan_snapshot",
    "section_create",
    "section_delete",
    "section_edit",
    "section_move",
    "snapshot_detail",
    "snapshot_list",
]
