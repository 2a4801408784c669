"""A built pack meeting (members' and public packs) for the reader tests, with an exempt item."""
from meetings.models import AgendaItem, ExemptParagraph
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting, report_for

EXEMPT_MARKER = "ZQXREADEREXEMPT"


def reader_meeting(board, *, exempt: bool = True):
    meeting = pack_meeting(board)
    if exempt:
        item = AgendaItem.objects.create(meeting=meeting, position=7, title="Residential placements contract",
                                         presenter="Report of Director of Commissioning", paper_status="attached")
        report_for(item, "Residential placements contract award", marker=EXEMPT_MARKER, is_exempt=True,
                   exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Commercial terms.")
    for variant in (Pack.Variant.MEMBERS, Pack.Variant.PUBLIC):
        pack_build(meeting_id=meeting.pk, variant=variant)
    return meeting


def current(meeting, variant="members"):
    return Pack.objects.get(meeting=meeting, variant=variant, kind=Pack.Kind.MAIN).current_version


def page_of(version, words: str) -> int:
    """The pack page (as printed) whose text has `words`."""
    from reader.anchoring import compact, version_page_texts

    for n, text in enumerate(version_page_texts(version), start=1):
        if compact(words) in compact(text):
            return n
    raise AssertionError(f"{words!r} is on no page of {version}")
