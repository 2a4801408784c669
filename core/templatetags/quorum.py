import re
from html import unescape

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core import formats

register = template.Library()

register.filter("long_date", formats.long_date)
register.filter("plain_date", formats.plain_date)
register.filter("short_time", formats.short_time)
register.filter("month_year", formats.month_year)
register.filter("date_and_time", formats.date_and_time)
register.filter("long_date_and_time", formats.long_date_and_time)


@register.filter
def numbered_paragraphs(html, section):
    """A section's paragraphs numbered N.1, N.2 … from its structure (core.report_html): every
    paragraph or sub-heading unless marked as a continuation; lists and tables never. The same
    text on screen and in the PDF, since both render through this filter."""
    from core.report_html import number_section
    from core.sanitise import sanitise_html

    # Stored sections are sanitised on save; cleaning again here is the second wall before mark_safe.
    return mark_safe(number_section(sanitise_html(str(html or "")), section))


@register.filter
def anchored_paragraphs(html, section):
    """`numbered_paragraphs` for a web page: each number is also an anchor (#para-4-2), so a
    search result can link to the paragraph. Not for packs, where two papers' ids would clash."""
    import re

    from django.utils.safestring import mark_safe

    numbered = numbered_paragraphs(html, section)
    return mark_safe(re.sub(r'<span class="para-no">(\d+)\.(\d+)</span>',
                            r'<span class="para-no" id="para-\1-\2">\1.\2</span>', numbered))


@register.tag
def scrollable(parser, token):
    """{% scrollable %}…<table>…</table>…{% endscrollable %}: on a web page, each table inside scrolls
    sideways in its own region, which a keyboard user can reach (tabindex=0) and a screen reader
    names after the table's caption, so the page itself never scrolls sideways at 320px (WCAG
    1.4.10). It wraps tables in rich text too (a report's sections), so it may enclose a whole body.

    Rendered without a request (a paper frozen into the PDF pack), the tables are left as they are.
    An optional argument names a region whose table has no caption; failing that, its first cell does.
    """
    bits = token.split_contents()
    label = parser.compile_filter(bits[1]) if len(bits) > 1 else None
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return ScrollableNode(nodelist, label)


_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
_FIRST_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)


class ScrollableNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist = nodelist
        self.label = label

    def render(self, context):
        inner = self.nodelist.render(context)
        if context.get("request") is None:
            return inner
        given = self.label.resolve(context) if self.label is not None else None

        def wrap(match):
            table = match.group(0)
            caption = _CAPTION.search(table)
            if caption:
                label = caption.group(1)
            elif given:
                label = given
            else:
                cell = _FIRST_CELL.search(table)
                label = f"Table: {Truncator(strip_tags(cell.group(1))).words(8)}" if cell else "Table"
            label = " ".join(unescape(strip_tags(label)).split())
            return format_html('<div class="table-scroll" role="region" tabindex="0" aria-label="{}">{}</div>',
                               label, mark_safe(table))

        return mark_safe(_TABLE.sub(wrap, inner))
