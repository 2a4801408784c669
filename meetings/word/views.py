"""Word in and out for reports: import a .docx into the report form (with what was and was not
recognised shown before saving), and download a report as a .docx on its template."""
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify

from boards.models import Board
from core.permissions import require as _require
from core.uploads import check_appendix
from meetings import selectors
from meetings.forms import ReportForm
from meetings.models import Report, ReportTemplate
from meetings.models.reports import REPORT_SECTIONS

from .exporter import report_docx
from .importer import import_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WordImportForm(forms.Form):
    file = forms.FileField(label="Word document (.docx)",
                           help_text="Written on the council's report template: the cover sheet table, then the "
                                     "numbered sections with their headings.")


@login_required
def report_import(request, slug):
    board = get_object_or_404(Board, slug=slug)
    _require(request.user, "boards.write_report", board)
    upload_form = WordImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        try:
            checked = check_appendix(upload)
            if checked.kind != "docx":
                raise ValidationError(f"“{upload.name}” is not a Word (.docx) document.")
        except ValidationError as exc:
            upload_form.add_error("file", exc)
        else:
            template = ReportTemplate.for_board(board)
            sections = template.sections() if template else REPORT_SECTIONS
            imported = import_docx(checked.content, template_sections=sections,
                                   priorities=list(board.strategic_priorities.all()))
            form = ReportForm(board=board, initial=imported.fields)
            return render(request, "meetings/report_form.html", {
                "form": form, "board": board, "imported": imported, "imported_name": upload.name,
                "form_action": reverse("meetings:report_create", args=[board.slug])})
    return render(request, "meetings/report_import.html", {"form": upload_form, "board": board})


@login_required
def report_word(request, pk):
    try:
        report = selectors.report_detail(pk)
    except Report.DoesNotExist:
        raise Http404
    _require(request.user, "meetings.view_report", report)
    response = HttpResponse(report_docx(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(report.title)[:80] or "report"}.docx"'
    return response
