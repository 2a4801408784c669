from django import template
from django.utils.html import format_html

from actions.models import RAG_MEANING, Rag

register = template.Library()


@register.simple_tag
def rag_badge(value, label=None):
    """The RAG rating by word and colour, never colour alone; the meaning for screen readers."""
    value = value or ""
    try:
        rag = Rag(value)
    except ValueError:
        rag = Rag.NONE
    css = f"rag-{rag.value}" if rag.value else "rag-none"
    return format_html('<span class="rag {}">{}<span class="visually-hidden"> ({})</span></span>',
                       css, label or rag.label, RAG_MEANING[rag])


@register.filter
def who(user):
    """A user's name as the history shows it; "System" for changes made by the demo loader or a task."""
    if user is None:
        return "System"
    return user.get_full_name() or user.username
