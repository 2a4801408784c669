from django import template
from django.utils.safestring import mark_safe

from performance.charts import trend_chart_svg

register = template.Library()


@register.filter
def trend_chart(series):
    """The one chart renderer, for pages and the pack alike."""
    return mark_safe(trend_chart_svg(series))
