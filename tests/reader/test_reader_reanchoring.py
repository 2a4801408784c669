"""Notes follow the paper, not the file: a pack republished with one report edited puts every
note back on the same paper and the same words, wherever the pages moved; a note whose words
were cut is kept in "could not be placed" with its old quote, and can be placed again or deleted."""
import json

import pytest
from django.urls import reverse

from packs.models import Pack
from packs.services import pack_build
from reader.models import Annotation
from reader.selectors import notes_on_version
from reader.services import annotation_create, annotation_place

from tests.packs.factories import LOREM
from tests.reader.factories import current, page_of, reader_meeting

REMOVED = "ZQXWORDSTHATGO"


@pytest.fixture
def meeting(board, clerk, member):
    meeting = reader_meeting(board, exempt=False)
    rise = meeting.items.get(position=4).reports.get()
    rise.background = f"<p>RISETEXT {LOREM}</p><p>{REMOVED} {LOREM}</p><p>RISEKEPT {LOREM}</p>"
    rise.save()
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    pack_build(meeting_id=meeting.pk, variant=Pack.Variant.PUBLIC)
    return meeting


def _highlight(member, version, words, note, prefix=""):
    return annotation_create(user=member, version=version, kind="highlight", page=page_of(version, prefix + words),
                             exact=words, prefix=prefix, note=note)


def test_every_note_lands_on_the_same_paper_and_words_after_another_report_is_edited(meeting, member):
    v1 = current(meeting)
    notes = {
        "minutes": _highlight(member, v1, "MINUTESTEXT", "on the minutes"),
        # The same words are in every report's summary: the context says which one.
        "rise_summary": _highlight(member, v1, "Summary of the issues", "RISE summary", prefix="RISETEXT"),
        "rise_kept": _highlight(member, v1, "RISEKEPT", "kept words"),
        "rise_removed": _highlight(member, v1, REMOVED, "words that go"),
        "offending": _highlight(member, v1, "OFFENDINGAPPENDIX (2)", "appendix page 2"),
        "offending_page": annotation_create(user=member, version=v1, kind="page_note",
                                            page=page_of(v1, "OFFENDINGAPPENDIX (2)"), note="page note"),
        "bookmark": annotation_create(user=member, version=v1, kind="bookmark", page=page_of(v1, "OFFENDINGTEXT")),
    }
    before = {key: page for note, page in notes_on_version(member, v1)[0] for key, n in notes.items() if n.pk == note.pk}
    assert len(before) == 7

    # The clerk edits the RISE report (longer, and without one sentence) and republishes.
    rise = meeting.items.get(position=4).reports.get()
    rise.background = "".join(f"<p>RISENEW {LOREM * 3}</p>" for _ in range(14)) + f"<p>RISETEXT {LOREM}</p><p>RISEKEPT {LOREM}</p>"
    rise.save()
    v2 = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert v2.pk != v1.pk
    shift = v2.page_count - v1.page_count
    assert shift >= 1, "the edit should have moved the later papers on by a page or more"

    placed, unplaced = notes_on_version(member, v2)
    after = {key: page for note, page in placed for key, n in notes.items() if n.pk == note.pk}
    assert after["minutes"] == before["minutes"] == page_of(v2, "MINUTESTEXT")
    assert after["rise_summary"] == page_of(v2, "RISETEXTSummary of the issues")
    assert after["rise_kept"] == page_of(v2, "RISEKEPT") != before["rise_kept"]
    assert after["offending"] == before["offending"] + shift == page_of(v2, "OFFENDINGAPPENDIX (2)")
    assert after["offending_page"] == before["offending_page"] + shift
    assert after["bookmark"] == before["bookmark"] + shift
    assert [n.pk for n in unplaced] == [notes["rise_removed"].pk]
    lost = Annotation.objects.get(pk=notes["rise_removed"].pk)
    assert lost.quote_exact == REMOVED and lost.note == "words that go" and lost.unplaced

    # The member places it on other words of the new version; or could delete it.
    annotation_place(annotation=lost, version=v2, page=page_of(v2, "RISENEW"), exact="RISENEW")
    placed, unplaced = notes_on_version(member, v2)
    assert unplaced == [] and lost.pk in {n.pk for n, _ in placed}


def test_the_reader_lists_notes_that_could_not_be_placed_with_their_old_quote(meeting, client, member):
    v1 = current(meeting)
    _highlight(member, v1, REMOVED, "words that go")
    rise = meeting.items.get(position=4).reports.get()
    rise.background = f"<p>RISETEXT {LOREM}</p>"
    rise.save()
    v2 = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    client.force_login(member)
    data = client.get(reverse("reader:notes", args=[v2.pk])).json()
    assert data["notes"] == []
    assert [(n["exact"], n["note"], n["unplaced"]) for n in data["unplaced"]] == [(REMOVED, "words that go", True)]
    note_id = data["unplaced"][0]["id"]
    assert client.post(reverse("reader:note_delete", args=[note_id])).json() == {"deleted": note_id}
    assert not Annotation.objects.filter(pk=note_id).exists()


def test_notes_follow_the_paper_into_the_public_pack(meeting, client, member):
    v1 = current(meeting)
    note = _highlight(member, v1, "RISEKEPT", "kept words")
    public = current(meeting, "public")
    placed, _ = notes_on_version(member, public)
    assert [(n.pk, page) for n, page in placed] == [(note.pk, page_of(public, "RISEKEPT"))]
    client.force_login(member)
    body = json.loads(client.get(reverse("reader:notes", args=[public.pk])).content)
    assert body["notes"][0]["exact"] == "RISEKEPT"
