"""Date and time inputs are filled in the one form a browser keeps ("2013-09-23", "15:00"), so a
form saved unchanged keeps its dates and times."""
import datetime
import re

from actions.forms import ActionForm
from boards.forms import BoardForm, MembershipEndForm
from meetings.forms import MeetingForm
from minutes.forms import InterestForm

from tests.factories import MeetingFactory


def _value(html, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    return re.search(r'type="([^"]+)"', tag).group(1), (re.search(r'value="([^"]*)"', tag) or [None, None])[1]


def test_meeting_form_writes_its_date_and_times_as_the_browser_reads_them(board):
    meeting = MeetingFactory(board=board, date=datetime.date(2013, 9, 23), start_time=datetime.time(15, 0),
                             end_time=datetime.time(16, 11), venue="Loxley House")
    html = str(MeetingForm(instance=meeting))
    assert _value(html, "date") == ("date", "2013-09-23")
    assert _value(html, "start_time") == ("time", "15:00")
    assert _value(html, "end_time") == ("time", "16:11")
    posted = MeetingForm({"date": "2013-09-23", "start_time": "15:00", "end_time": "16:11", "venue": "Loxley House",
                          "version": meeting.version}, instance=meeting)
    assert posted.is_valid(), posted.errors
    assert (posted.cleaned_data["date"], posted.cleaned_data["start_time"], posted.cleaned_data["end_time"]) == (
        meeting.date, meeting.start_time, meeting.end_time)


def test_every_form_with_a_date_or_time_uses_the_iso_inputs(board):
    board.default_start_time = datetime.time(14, 0)
    assert _value(str(BoardForm(instance=board)), "default_start_time") == ("time", "14:00")
    end = MembershipEndForm(initial={"end_date": datetime.date(2014, 1, 20)})
    assert _value(str(end), "end_date") == ("date", "2014-01-20")
    interest = InterestForm(initial={"registered_on": datetime.date(2014, 1, 20)})
    assert _value(str(interest), "registered_on") == ("date", "2014-01-20")
    assert "timescale_date" in ActionForm.base_fields
    assert ActionForm.base_fields["timescale_date"].widget.format == "%Y-%m-%d"
