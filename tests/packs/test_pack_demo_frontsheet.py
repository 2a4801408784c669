"""The demo meeting's pack opens with a front sheet that reads as the council's, line for line."""
import re
from pathlib import Path

from django.core.management import call_command

from meetings.demo import load_demo
from meetings.models import Meeting

from tests.packs.factories import page_texts

REFERENCE = Path("/work/shared/reference/000_a2ad3c7a7f996cd2.txt")
FALLBACK = Path(__file__).parents[1] / "data" / "reference_frontsheet.txt"


def _reference_front_sheet() -> list[str]:
    text = REFERENCE.read_text() if REFERENCE.exists() else FALLBACK.read_text()
    lines = []
    for line in text.splitlines():
        if line.strip() == "NOTTINGHAM CITY COUNCIL" and lines:
            break  # the minutes start with the council's name again
        line = re.sub(r"^\s*- ", "", line).replace("**", "")
        line = " ".join(line.split())
        if line:
            lines.append(line)
    return lines


def test_demo_pack_front_sheet_matches_the_reference_line_for_line(db, tmp_path):
    load_demo()
    meeting = Meeting.objects.get(date="2013-11-18")
    out = tmp_path / "pack.pdf"
    call_command("render_pack", meeting.pk, "--variant", "members", "--out", str(out))
    front = page_texts(out.read_bytes())[0]
    # Layout whitespace (including where a long title wraps) is not part of the text.
    flowing = " ".join(front.split())
    reference = _reference_front_sheet()
    assert reference[0] == "NOTTINGHAM CITY COUNCIL" and reference[-1].startswith("CITIZENS ATTENDING")
    position = 0
    for line in reference:
        found = flowing.find(line, position)
        assert found == position or (found > position and flowing[position:found].strip() == ""), (
            f"expected next: {line!r}\nbut the front sheet has: {flowing[position:position + len(line) + 40]!r}")
        position = found + len(line)
    rest = flowing[position:].strip()
    assert rest == "Corporate Parenting Board – Monday 18 November 2013 Page 1 of " + rest.rsplit(" ", 1)[-1]
