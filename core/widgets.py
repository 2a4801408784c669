"""The date and time inputs every form uses.

A browser's `<input type=date>` only accepts the value "2014-06-30" (and `type=time` "14:00",
`type=datetime-local` "2014-06-30T14:00"): anything else, such as the en-GB "30/06/2014" Django
would otherwise write, is silently discarded and the field shows empty, so saving the form unchanged
wiped the date. These widgets always write the value in the form the browser keeps; the fields
read it back (ISO dates and times are among Django's input formats).
"""
from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class Textarea(forms.Textarea):
    """A textarea that gives back what it was given: browsers submit every line break as CRLF,
    which would turn a text saved unchanged into a changed one."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value
