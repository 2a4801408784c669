"""Django's en-GB formats, for a date or time a template prints without one of our filters.

Django's own en-GB formats print "23 Nov 2026" and "3:12 p.m."; the council writes
"23 November 2026" and "3.12pm". Templates use the filters in core/templatetags/quorum.py
(core/formats.py); these only keep a forgotten one in plain English. Django's format letters
cannot say "pm" without dots, so a time printed raw reads "3.12 PM".
"""
DATE_FORMAT = "j F Y"
TIME_FORMAT = "g.i A"
DATETIME_FORMAT = r"j F Y \a\t g.i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = r"j F Y \a\t g.i A"
FIRST_DAY_OF_WEEK = 1  # Monday
# What forms accept: the ISO form date inputs send first, then what a person types.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
                          "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
