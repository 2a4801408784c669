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
