from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def pack_panel(context, meeting):
    """The pack panel's data for the signed-in user (the meeting page includes the panel as is)."""
    from meetings.pack.views import panel_context

    return panel_context(meeting, context["request"].user, with_staleness=False)
