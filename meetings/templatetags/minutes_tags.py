from django import template

register = template.Library()


@register.inclusion_tag("meetings/minutes/_meeting_links_block.html", takes_context=True)
def minutes_links(context, meeting):
    """The minutes block on the meeting page, with the permissions worked out for this user."""
    from meetings.minutes_views import meeting_links_context

    return meeting_links_context(context["request"].user, meeting)
