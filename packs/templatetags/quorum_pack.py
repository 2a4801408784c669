from django import template

from packs.selectors import panel_context

register = template.Library()


@register.simple_tag(takes_context=True)
def pack_panel(context, meeting):
    """The pack panel's data for the signed-in user (the meeting page includes the panel as is)."""
    return panel_context(meeting, context["request"].user, with_staleness=False)
