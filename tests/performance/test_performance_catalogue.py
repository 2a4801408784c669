"""The clerk or the board's performance lead keeps the indicator catalogue in the app; only the
officers named on an indicator enter its values; a period not finished, or not yet due by the
reporting lag, is refused; values are corrected or withdrawn with a reason kept in History."""
import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from boards.models import Membership
from performance import services
from performance.models import Comparator, Indicator, IndicatorValue, Target

from tests.factories import user_with_role
from tests.performance.factories import IndicatorFactory, IndicatorValueFactory


@pytest.fixture(autouse=True)
def november_2013(time_machine):
    """The reference meeting: 18 November 2013, in Q3 2013/14."""
    time_machine.move_to(datetime.datetime(2013, 11, 18, 14, 0), tick=False)


def _form(board, officer, **changes):
    data = {"code": "CIC-OFF", "title": "Children in care who offended", "definition": "Cautioned or convicted.",
            "unit": "percentage", "decimal_places": "1", "polarity": "lower", "numerator_label": "Offenders",
            "denominator_label": "Cohort", "frequency": "quarterly", "year_basis": "financial", "reporting_lag": "2",
            "source": "YOT case system", "owner": "", "rag_basis": "target", "amber_tolerance_percent": "5",
            "green_threshold": "", "amber_threshold": "", "boards": [board.pk], "responsible_officers": [officer.person.pk],
            "version": ""}
    data.update(changes)
    return data


VALUE = {"period_start": "2013-04-01", "numerator": "8", "denominator": "326", "notes": "", "england": "",
         "region": "", "statistical_neighbours": "", "target": "", "reason": ""}


def test_clerk_adds_an_indicator_once_and_only_the_named_officer_enters_it(client, board, clerk, officer,
                                                                          other_officer):
    client.force_login(clerk)
    first = client.post(reverse("performance:indicator_create"), _form(board, officer))
    second = client.post(reverse("performance:indicator_create"), _form(board, officer))
    indicator = Indicator.objects.get(code="CIC-OFF")
    assert first.status_code == second.status_code == 302 and Indicator.objects.count() == 1
    assert list(indicator.boards.all()) == [board]
    assert list(indicator.responsible_officers.all()) == [officer.person]
    assert indicator.reporting_lag == 2

    client.force_login(other_officer)
    assert client.post(indicator.get_absolute_url(), VALUE).status_code == 403
    client.force_login(officer)
    assert client.post(indicator.get_absolute_url(), VALUE).status_code == 302
    assert IndicatorValue.objects.get(indicator=indicator).value == Decimal("2.4540")


def test_a_performance_lead_keeps_her_boards_indicators_but_not_others(client, board, other_board, officer, member):
    lead = user_with_role(board, Membership.Role.PERFORMANCE_LEAD, "lead")
    theirs = IndicatorFactory(code="HWB-OBE", boards=[other_board])
    client.force_login(lead)
    assert client.post(reverse("performance:indicator_create"), _form(board, officer)).status_code == 302
    ours = Indicator.objects.get(code="CIC-OFF")
    assert client.get(reverse("performance:indicator_edit", args=[ours.pk])).status_code == 200
    assert client.get(reverse("performance:indicator_edit", args=[theirs.pk])).status_code == 403
    # She cannot make it followed by a board she does not keep.
    response = client.post(reverse("performance:indicator_create"), _form(other_board, officer, code="X1"))
    assert response.status_code == 200 and not Indicator.objects.filter(code="X1").exists()
    client.force_login(member)
    assert client.get(reverse("performance:indicator_create")).status_code == 403


def test_indicator_saved_unchanged_writes_nothing_and_a_stale_save_is_refused(client, board, clerk, officer):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board], responsible_officers=[officer.person])
    client.force_login(clerk)
    form = client.get(reverse("performance:indicator_edit", args=[indicator.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    before = indicator.history.count()
    assert client.post(reverse("performance:indicator_edit", args=[indicator.pk]), data).status_code == 302
    assert indicator.history.count() == before
    client.post(reverse("performance:indicator_edit", args=[indicator.pk]), {**data, "title": "Offending by CiC"})
    stale = client.post(reverse("performance:indicator_edit", args=[indicator.pk]), {**data, "title": "Other"})
    assert "Someone else saved a newer version" in stale.content.decode()
    assert Indicator.objects.get(pk=indicator.pk).title == "Offending by CiC"


def test_targets_and_comparators_are_set_by_period_and_the_same_again_changes_nothing(client, board, clerk):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board])
    client.force_login(clerk)
    data = {"period_start": "2013-04-01", "target": "3", "england": "2.9", "region": "", "statistical_neighbours": "3.1"}
    url = reverse("performance:indicator_benchmarks", args=[indicator.pk])
    done = client.post(url, data, follow=True).content.decode()
    assert "Saved: target, England, Statistical neighbours." in done
    assert "Nothing changed." in client.post(url, data, follow=True).content.decode()
    assert Target.objects.get(indicator=indicator).value == Decimal(3)
    assert Comparator.objects.filter(indicator=indicator).count() == 2
    bad = client.post(url, {**data, "period_start": "2013-05-01"})
    assert "is not the first day of a quarterly period" in bad.content.decode()


@pytest.mark.parametrize("lag, period, message", [
    (1, "2013-10-01", "Q3 2013/14 has not finished yet: its value can be entered from 1 January 2014."),
    (2, "2013-07-01", "Q2 2013/14 is not due yet: this indicator is reported two quarters in arrears, so its value "
                      "can be entered from 1 January 2014."),
    (1, "2014-01-01", "Q4 2013/14 has not finished yet"),
])
def test_a_period_not_finished_or_not_yet_due_is_refused_with_a_message(client, board, clerk, lag, period, message):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board], reporting_lag=lag)
    client.force_login(clerk)
    response = client.post(indicator.get_absolute_url(), {**VALUE, "period_start": period})
    assert response.status_code == 400
    with pytest.raises(Exception) as exc:
        services.indicator_value_record(indicator=indicator, period_start=datetime.date.fromisoformat(period),
                                        user=clerk, numerator=Decimal(8), denominator=Decimal(326))
    assert message in str(exc.value)
    assert not IndicatorValue.all_objects.exists()


def test_the_period_list_offers_only_due_periods_and_keeps_older_quarters(client, board, clerk):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board], reporting_lag=2)
    for start in ("2012-04-01", "2012-07-01", "2013-04-01"):
        IndicatorValueFactory(indicator=indicator, period_start=datetime.date.fromisoformat(start))
    client.force_login(clerk)
    choices = [value for value, _label in client.get(indicator.get_absolute_url()).context["form"].fields["period_start"].choices]
    assert choices[0] == "2013-04-01"  # Q1 2013/14: the newest due two quarters in arrears
    assert "2013-07-01" not in choices and "2013-10-01" not in choices
    assert {"2012-04-01", "2012-07-01"} <= set(choices)


def test_a_correction_needs_a_reason_which_history_keeps(client, board, clerk):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board])
    row = IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2013, 4, 1))
    client.force_login(clerk)
    data = {**VALUE, "numerator": "9", "version": row.version}
    refused = client.post(indicator.get_absolute_url(), data)
    assert "already has a value: say why you are correcting it" in refused.content.decode()
    unchanged = client.post(indicator.get_absolute_url(), {**VALUE, "version": row.version})
    assert unchanged.status_code == 302 and IndicatorValue.objects.get(pk=row.pk).version == row.version
    client.post(indicator.get_absolute_url(), {**data, "reason": "YOT recount of the cohort"})
    row.refresh_from_db()
    assert row.numerator == 9 and row.reason == "YOT recount of the cohort"
    history = html.unescape(client.get(reverse("performance:value_history", args=[row.pk])).content.decode())
    assert "YOT recount of the cohort" in history


def test_a_withdrawn_value_leaves_the_page_but_stays_in_history_and_can_be_entered_again(client, board, clerk):
    indicator = IndicatorFactory(code="CIC-OFF", boards=[board])
    row = IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2013, 4, 1), numerator=Decimal(99))
    client.force_login(clerk)
    url = reverse("performance:value_withdraw", args=[row.pk])
    assert client.post(url, {"reason": "", "version": row.version}).status_code == 200
    client.post(url, {"reason": "Entered against the wrong quarter", "version": row.version})
    again = client.post(url, {"reason": "Entered against the wrong quarter", "version": row.version})
    assert again.status_code in (200, 302)
    row = IndicatorValue.all_objects.get(pk=row.pk)
    assert row.withdrawn_at is not None
    page = client.get(indicator.get_absolute_url())
    assert [p["period_start"] for p in page.context["series"]["points"]] == []
    assert "Entered against the wrong quarter" in html.unescape(page.content.decode())
    history = html.unescape(client.get(reverse("performance:value_history", args=[row.pk])).content.decode())
    assert "Withdrawn: Entered against the wrong quarter" in history
    client.post(indicator.get_absolute_url(), {**VALUE, "version": ""})
    assert IndicatorValue.objects.get(indicator=indicator).numerator == 8

