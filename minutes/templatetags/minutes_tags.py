from django import template

from minutes.selectors import meeting_links

register = template.Library()


@register.inclusion_tag("minutes/_meeting_links_block.html", takes_context=True)
def minutes_links(context, meeting):
    """The minutes block on the meeting page, with the permissions worked out for this user."""
    return meeting_links(context["request"].user, meeting)
