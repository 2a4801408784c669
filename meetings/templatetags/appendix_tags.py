"""Appendix headings ("Appendix A – Multi Agency Guidance") and the pack panel's warning about
appendices that are not accessible (PDFs without tags)."""
from django import template

from meetings.models import Attachment
from meetings.models.reports import appendix_heading as heading

register = template.Library()


@register.simple_tag
def untagged_appendices(meeting) -> list[dict]:
    """Each untagged PDF appendix of the meeting's reports: its item, heading and report."""
    found = []
    attachments = (Attachment.objects.filter(report__agenda_item__meeting=meeting)
                   .select_related("report__agenda_item").order_by("report__agenda_item__position", "report_id",
                                                                    "position", "pk"))
    letters: dict[int, int] = {}
    for attachment in attachments:
        n = letters[attachment.report_id] = letters.get(attachment.report_id, 0) + 1
        if attachment.not_accessible:
            found.append({"item": attachment.report.agenda_item, "report": attachment.report,
                          "heading": heading(n, attachment.title)})
    return found


@register.simple_tag(name="appendix_heading")
def appendix_heading_tag(n, title):
    """{% appendix_heading forloop.counter a.title %} -> "Appendix A – Multi Agency Guidance"."""
    return heading(int(n), title)
