"""An officer who lives in Word: imports a .docx report written on the council's template, fixes a
paragraph, adds a table with the keyboard, attaches two appendices and reorders them, submits; the
clerk returns it with a reason, which the officer reads on the report. axe-core finds nothing on
any page on the way."""
import datetime
import io

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting, Report

from tests.packs.factories import appendix_pdf
from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def _word_report() -> bytes:
    document = docx.Document()
    document.add_paragraph("CORPORATE PARENTING BOARD – NOVEMBER 2013")
    cover = document.add_table(rows=0, cols=2)
    for label, value in [("Title of paper", "Reducing Offending Behaviour"),
                         ("Director(s)/ Corporate Director(s)", "Helen Blackman, Acting Director of Safeguarding"),
                         ("Summary of issues (including benefits to customers/service users)", "Progress in reducing offending."),
                         ("Recommendation(s)", "1\tThe Board to note the report")]:
        row = cover.add_row()
        row.cells[0].text, row.cells[1].text = label, value
    document.add_heading("1 BACKGROUND", level=1)
    document.add_paragraph("1.1 Rate of offending by Nottingham CiC fell to 8.7%.")
    document.add_paragraph("1.2 The role of the CiC police officer is central.")
    document.add_paragraph("It is shared with the YOT lead.")
    document.add_heading("4 FINANCIAL IMPLICATIONS (INCLUDING VALUE FOR MONEY)", level=1)
    document.add_paragraph("4.1 The post is jointly funded.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_officer_imports_a_word_report_and_takes_it_to_the_clerk_and_back(page, board, officer, clerk):
    meeting = Meeting.objects.create(board=board, date=timezone.localdate() + datetime.timedelta(days=40),
                                     start_time=datetime.time(14), venue="Loxley House")
    AgendaItem.objects.create(meeting=meeting, position=1, title="Reducing Offending Behaviour")
    sign_in(page, "officer")
    page.get_by_role("link", name="My reports").click()
    page.get_by_role("link", name="Write a report for the Corporate Parenting Board").click()
    page.get_by_role("link", name="Import the report from a Word document").click()
    assert_accessible(page)
    page.get_by_label("Word document (.docx)").set_input_files(
        {"name": "offending.docx", "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "buffer": _word_report()})
    page.get_by_role("button", name="Read the document").click()
    summary = page.get_by_role("region", name="Read from “offending.docx”: check it, then save the draft")
    expect(summary).to_contain_text("1 BACKGROUND: 2 numbered paragraphs")
    expect(summary).to_contain_text("No section headed “2 REASONS FOR RECOMMENDATIONS")
    expect(summary).to_contain_text("Before the first section: “CORPORATE PARENTING BOARD – NOVEMBER 2013”")
    assert_accessible(page)
    expect(page.get_by_label("Title of paper")).to_have_value("Reducing Offending Behaviour")
    page.get_by_label("Agenda item").select_option(index=1)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Report saved as a draft.").wait_for()
    report = Report.objects.get(title="Reducing Offending Behaviour")
    section = page.locator("#section-1 + .numbered-paragraphs")
    expect(section.locator(".para-no")).to_have_text(["1.1", "1.2"])
    assert_accessible(page)

    # Fix a paragraph and add a table, with the keyboard.
    page.get_by_role("link", name="Edit report").click()
    editor = page.get_by_role("textbox", name="1 BACKGROUND")
    editor.get_by_text("The role of the CiC police officer is central.").click()
    page.keyboard.press("End")
    page.keyboard.type(" It was recognised by Ofsted in 2012.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Alt+t")
    for cell in ["Year", "Rate", "Children", "2012/13", "8.7%", "20"]:
        page.keyboard.type(cell)
        page.keyboard.press("Tab")
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Report saved.").wait_for()
    expect(section.locator(".para-no")).to_have_text(["1.1", "1.2"])
    expect(section).to_contain_text("central. It was recognised by Ofsted in 2012.")
    expect(section.get_by_role("columnheader", name="Year")).to_be_visible()

    # Two appendices, then the second put first.
    for title, text in [("Multi Agency Guidance", "GUIDANCE"), ("Rates by year", "RATES")]:
        page.get_by_role("textbox", name="Title", exact=True).fill(title)
        page.get_by_label("Appendix file (PDF, Word .docx or Excel .xlsx)").set_input_files(
            {"name": f"{text.lower()}.pdf", "mimeType": "application/pdf", "buffer": appendix_pdf(text)})
        page.get_by_role("button", name="Attach", exact=True).click()
        expect(page.get_by_role("link", name=f"– {title}")).to_be_visible()
    page.get_by_role("button", name="Move up Appendix B – Rates by year").click()
    expect(page.get_by_role("link", name="Appendix A – Rates by year")).to_be_visible()
    expect(page.get_by_role("link", name="Appendix B – Multi Agency Guidance")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit to the clerk").click()
    page.get_by_text("Report submitted to the clerk for approval.").wait_for()

    # The clerk returns it with a reason; the officer reads it on the report.
    page.context.clear_cookies()
    sign_in(page, "clerk")
    page.goto(report.get_absolute_url())
    assert_accessible(page)
    page.get_by_label("Why it is being returned (sent to the author)").fill("Section 4 needs the 2013/14 figures.")
    page.get_by_role("button", name="Return to author").click()
    page.context.clear_cookies()
    sign_in(page, "officer")
    page.goto(report.get_absolute_url())
    expect(page.get_by_role("region", name="Returned by the clerk")).to_contain_text("Section 4 needs the 2013/14 figures.")
    assert_accessible(page)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
