from django import template

from core import formats

register = template.Library()

register.filter("long_date", formats.long_date)
register.filter("plain_date", formats.plain_date)
register.filter("upper_date", formats.upper_date)
register.filter("short_time", formats.short_time)
register.filter("spaced_time", formats.spaced_time)


@register.filter
def letter(n):
    """1 -> 'a'."""
    return "abcdefghijklmnopqrstuvwxyz"[(int(n) - 1) % 26]


@register.filter
def roman(n):
    n = int(n)
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


@register.filter
def numbered_paragraphs(html, section):
    """Number a section's paragraphs n.1, n.2 … as the council's report template does.

    Where the author used sub-headings, the sub-headings carry the numbers (as "1.1 Rate of
    offending" in the reference report) and the paragraphs under them do not; otherwise every
    paragraph is numbered (as "4.1", "4.2" under financial implications).
    """
    import itertools
    import re

    from django.utils.safestring import mark_safe

    from core.sanitise import sanitise_html

    # Stored sections are sanitised on save; cleaning again here is the second wall before mark_safe.
    html = sanitise_html(str(html or ""))
    counter = itertools.count(1)
    tag = "h3" if "<h3>" in html else "p"
    numbered = re.sub(
        f"<{tag}>", lambda m: f'<{tag}><span class="para-no">{section}.{next(counter)}</span> ', html
    )
    if "<p>" not in html and "<h3>" not in html and html:
        numbered = f'<p><span class="para-no">{section}.1</span> {html}</p>'
    return mark_safe(numbered)
