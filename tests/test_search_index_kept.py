"""The search index follows the records: the rebuild command reproduces what the signals built,
deleted records leave it, and text is read from Word and Excel files only through the upload
inspection (a hostile package yields no text, with the reason kept)."""
import datetime
import io
import zipfile

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting
from search.models import DocumentText, SearchEntry
from search.selectors import Filters, search
from search.services import document_text_extract

from tests.factories import AgendaItemFactory, MeetingFactory
from tests.packs.factories import add_appendix, appendix_docx, report_for
from tests.test_leaks_public_outputs import appendix_xlsx


def _rows():
    return sorted(SearchEntry.objects.values_list("group", "kind", "label", "url", "public", "readers", "body"))


def test_rebuild_reproduces_what_the_signals_built(board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=timezone.now(),
                             status=Meeting.Status.AGENDA_PUBLISHED)
    report = report_for(AgendaItemFactory(meeting=meeting, position=4, title="Fostering"), "Fostering", paragraphs=2)
    document_text_extract(kind="attachment", pk=add_appendix(report, "Costs", appendix_xlsx("ZQCELLTEXT"), "xlsx").pk)
    before = _rows()
    assert any("ZQCELLTEXT" in row[-1] for row in before)
    call_command("rebuild_search_index", "--no-text")
    assert _rows() == before


def test_deleted_records_leave_the_index(board):
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=timezone.now())
    item = AgendaItemFactory(meeting=meeting, position=4, title="ZQGONE review")
    assert list(search(AnonymousUser(), "ZQGONE", Filters()))
    item.delete()
    assert not list(search(AnonymousUser(), "ZQGONE", Filters()))


def test_a_hostile_word_file_gives_no_text(board, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory(board=board, date=datetime.date(2030, 11, 18), agenda_published_at=timezone.now())
    report = report_for(AgendaItemFactory(meeting=meeting, position=4, title="Costs"), "Costs", paragraphs=1)
    good = appendix_docx("placeholder")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                                    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "ZQENTITYTEXT">]>')
                data = data.replace(b"placeholder", b"&x;")
            out.writestr(name, data)
    attachment = add_appendix(report, "Bids", buffer.getvalue(), "docx")
    document = document_text_extract(kind="attachment", pk=attachment.pk)
    assert document.text == "" and "DTD" in document.error
    assert DocumentText.objects.filter(sha256=attachment.sha256).exists()
    assert not list(search(AnonymousUser(), "ZQENTITYTEXT", Filters()))
