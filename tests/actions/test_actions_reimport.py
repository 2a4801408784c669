"""Importing a spreadsheet into an existing plan: actions matched by number, a preview of new,
changed and removed actions and new progress entries before anything is saved, then the plan
updated with its progress and RAG history kept and appended."""
import csv
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action, ProgressUpdate, RagChange

from tests.actions.test_actions_spreadsheets import action_facts, export, plan  # noqa: F401  (the demo plan fixture)


def REMOVED(plan):  # noqa: F811, N802
    """Section 3's last action, which has no sub-actions: dropping it renumbers nothing else."""
    last = Action.objects.filter(plan=plan, section__number=3, parent__isnull=True).order_by("position").last()
    assert not Action.objects.filter(parent=last).exists()
    return last.reference


def _edited_csv(plan):  # noqa: F811
    removed = REMOVED(plan) + " "
    rows = list(csv.reader(io.StringIO(export(plan, "csv"))))
    out = []
    for row in rows:
        first = row[0] if row else ""
        if first.startswith("2.1 "):
            row[3] = "30 October 2013 – Mapping shared with the County.\n" + row[3]
            row[4] = "Blue"
        elif first.startswith("4.1 "):
            row[0] = "4.1 " + "Hold a multi-agency CSE awareness event every year"
        elif first.startswith(removed):
            continue  # removed from the sheet
        out.append(row)
    last = max(i for i, row in enumerate(out) if row and re.match(r"^4\.\d+ ", row[0]))
    out.insert(last + 1, [f"4.{NEW_NUMBER(plan)} Brief every school's safeguarding lead", "CSECAG", "31 March 2014",
                          "1 November 2013 – First briefing held.", "Green"])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(out)
    return buffer.getvalue().encode()


def NEW_NUMBER(plan):  # noqa: F811, N802
    """The number after section 4's last action."""
    return Action.objects.filter(plan=plan, section__number=4, parent__isnull=True).count() + 1


def _preview(client, plan, data):  # noqa: F811
    return client.post(reverse("actions:plan_reimport", args=[plan.pk]),
                       {"file": SimpleUploadedFile("plan.csv", data)})


def test_preview_lists_what_will_change_and_saves_nothing(client, plan, clerk):  # noqa: F811
    before = action_facts(plan)
    new = f"4.{NEW_NUMBER(plan)}"
    client.force_login(clerk)
    response = _preview(client, plan, _edited_csv(plan))
    preview = response.context["preview"]
    assert [ref for ref, _row in preview.new] == [new]
    assert [(a.reference, what) for a, what, _row in preview.changed] == [("4.1", ["wording"])]
    assert [a.reference for a in preview.removed] == [REMOVED(plan)]
    assert [(a.reference, new) for a, _old, new in preview.rag_changes] == [("2.1", "blue")]
    assert [(ref, text) for ref, _day, text in preview.progress] == [
        ("2.1", "Mapping shared with the County."), (new, "First briefing held.")]
    page = html.unescape(response.content.decode())
    assert "Preview: nothing is saved until you confirm" in page and "Removed actions (1)" in page
    assert action_facts(plan) == before


def test_confirming_updates_the_plan_and_appends_to_its_history_once(client, plan, clerk):  # noqa: F811
    action = Action.objects.get(plan=plan, reference="2.1")
    old_updates = list(action.progress_updates.values_list("date", "text"))
    old_rag_changes = RagChange.objects.filter(action=action).count()
    new = f"4.{NEW_NUMBER(plan)}"
    client.force_login(clerk)
    response = _preview(client, plan, _edited_csv(plan))
    digest = response.context["digest"]
    confirm = {"confirm": "1", "digest": digest, "version": plan.version}
    done = client.post(reverse("actions:plan_reimport", args=[plan.pk]), confirm, follow=True)
    assert "1 new, 1 changed, 1 removed actions; 2 progress entries and 1 RAG changes" in html.unescape(
        done.content.decode())
    action.refresh_from_db()
    assert action.pk == Action.objects.get(plan=plan, reference="2.1").pk  # the same record, updated
    updates = list(action.progress_updates.values_list("date", "text"))
    assert updates[0][1] == "Mapping shared with the County." and updates[1:] == old_updates
    assert action.rag == "blue" and action.status == Action.Status.COMPLETE
    assert RagChange.objects.filter(action=action).count() == old_rag_changes + 1
    assert Action.objects.get(plan=plan, reference="4.1").text.endswith("every year")
    assert Action.objects.get(plan=plan, reference=new).progress_updates.get().text == "First briefing held."
    # The same confirmation again (a double click) changes nothing more.
    count = ProgressUpdate.objects.filter(action__plan=plan).count()
    again = client.post(reverse("actions:plan_reimport", args=[plan.pk]), confirm, follow=True)
    assert "The plan has changed since the preview" in html.unescape(again.content.decode())
    assert ProgressUpdate.objects.filter(action__plan=plan).count() == count
    # Importing the same sheet again now finds nothing to do.
    assert _preview(client, plan, _edited_csv_again(plan)).context["preview"].nothing


def _edited_csv_again(plan):  # noqa: F811
    return export(plan, "csv").encode()


def test_a_bad_sheet_previews_nothing_and_names_the_problem(client, plan, clerk):  # noqa: F811
    client.force_login(clerk)
    data = re.sub(rb"Blue|Green", b"Purple", _edited_csv(plan), count=1)
    response = _preview(client, plan, data)
    assert response.status_code == 400 and "is not a RAG rating" in html.unescape(response.content.decode())


def test_officers_and_members_cannot_reimport(client, plan, officer, member):  # noqa: F811
    for user in (officer, member):
        client.force_login(user)
        assert _preview(client, plan, _edited_csv(plan)).status_code == 403


def test_a_back_dated_update_keeps_both_dates(client, plan, clerk):  # noqa: F811
    import datetime

    action = Action.objects.get(plan=plan, reference="3.1")
    client.force_login(clerk)
    response = client.post(reverse("actions:action_update", args=[action.pk]),
                           {"text": "Training delivered to 40 staff.", "rag": action.rag, "reason": "",
                            "date": "2013-10-01", "version": action.version})
    assert response.status_code == 302
    entry = ProgressUpdate.objects.get(action=action, text="Training delivered to 40 staff.")
    assert entry.date == datetime.date(2013, 10, 1) and entry.created_at.date() > entry.date
    page = html.unescape(client.get(action.get_absolute_url()).content.decode())
    assert "1 October 2013" in page and f"Entered {entry.created_at.day} " in page
    future = client.post(reverse("actions:action_update", args=[action.pk]),
                         {"text": "Tomorrow", "rag": action.rag, "date": "2099-01-01",
                          "version": Action.objects.get(pk=action.pk).version})
    assert "cannot be in the future" in future.content.decode()


def test_a_mistaken_entry_is_corrected_or_withdrawn_with_a_reason_kept_in_history(client, plan, clerk):  # noqa: F811
    action = Action.objects.get(plan=plan, reference="2.1")
    entry = action.progress_updates.first()
    url = reverse("actions:progress_correct", args=[entry.pk])
    client.force_login(clerk)
    base = {"date": entry.date.isoformat(), "text": entry.text, "reason": "", "version": entry.version}
    assert client.post(url, base).status_code == 302  # unchanged: nothing written
    assert ProgressUpdate.objects.get(pk=entry.pk).version == entry.version
    refused = client.post(url, {**base, "text": "County data received in full"})
    assert "Say why the entry is corrected." in refused.content.decode()
    client.post(url, {**base, "text": "County data received in full", "reason": "Typo"})
    assert ProgressUpdate.objects.get(pk=entry.pk).text == "County data received in full"
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1)):
        client.post(url, {**base, "version": entry.version + 1, "reason": "Belongs to action 2.2", "withdraw": "1"})
    again = client.post(url, {**base, "version": entry.version + 1, "reason": "Belongs to action 2.2",
                              "withdraw": "1"})
    assert again.status_code == 302
    assert not ProgressUpdate.objects.filter(pk=entry.pk).exists()
    assert ProgressUpdate.all_objects.get(pk=entry.pk).reason == "Belongs to action 2.2"
    assert "County data received in full" not in client.get(action.get_absolute_url()).content.decode()
    history = html.unescape(client.get(reverse("actions:action_history", args=[action.pk])).content.decode())
    assert "Withdrawn: Belongs to action 2.2" in history and "Corrected: Typo" in history
