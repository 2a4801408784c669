"""Who may see, enter, freeze and audit: the whole cast, allowed and refused."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import IndicatorValue, PerformanceSnapshot

from tests.performance.factories import IndicatorFactory, IndicatorValueFactory

POST = {"period_start": "2012-10-01", "numerator": "8", "denominator": "326", "notes": "", "england": "",
        "region": "", "statistical_neighbours": "", "target": ""}


@pytest.fixture(autouse=True)
def november_2013(time_machine):
    """The reference meeting: Q3 2013/14, with 2012 quarters still open for entry and correction."""
    time_machine.move_to(datetime.datetime(2013, 11, 18, 14, 0), tick=False)


@pytest.fixture
def offending(board, officer):
    """Followed by the board; the officer is named to enter its values."""
    return IndicatorFactory(code="CIC-OFF", boards=[board], responsible_officers=[officer.person])


@pytest.fixture
def cast(clerk, member, chair, officer, other_officer, other_member, other_clerk, admin_user, public_user):
    return {"clerk": clerk, "member": member, "chair": chair, "officer": officer, "other_officer": other_officer,
            "other_member": other_member,
            "other_clerk": other_clerk, "admin": admin_user, "public_user": public_user, "anonymous": None}


@pytest.mark.parametrize("who, allowed", [
    ("officer", True), ("clerk", True), ("admin", True), ("other_officer", False),
    ("member", False), ("chair", False), ("other_member", False), ("other_clerk", False), ("public_user", False),
    ("anonymous", False),
])
def test_only_named_officers_and_the_clerk_of_a_following_board_enter_values(client, offending, cast, who, allowed):
    if cast[who]:
        client.force_login(cast[who])
    response = client.post(offending.get_absolute_url(), POST)
    assert IndicatorValue.objects.filter(indicator=offending).exists() is allowed
    assert response.status_code == (302 if allowed else (404 if who == "anonymous" else 403))


def test_officer_entering_a_value_sees_it_computed_on_the_page(client, offending, officer):
    client.force_login(officer)
    response = client.post(offending.get_absolute_url(), POST, follow=True)
    html = response.content.decode()
    assert "Saved Q3 2012/13." in html
    assert '<th scope="row">Q3 2012/13</th>' in html and "2.5%" in html


def test_entry_form_is_shown_only_to_those_who_may_enter(client, offending, officer, member):
    client.force_login(member)
    assert 'id="enter"' not in client.get(offending.get_absolute_url()).content.decode()
    client.force_login(officer)
    html = client.get(offending.get_absolute_url()).content.decode()
    assert 'id="enter"' in html and "Numerator: Children who offended" in html


def test_a_bad_denominator_is_shown_against_its_field(client, offending, officer):
    client.force_login(officer)
    response = client.post(offending.get_absolute_url(), {**POST, "denominator": "0"})
    assert response.status_code == 400
    assert "The denominator must be greater than zero." in response.content.decode()


def test_correcting_with_an_old_version_is_refused(client, offending, officer, clerk):
    row = IndicatorValueFactory(indicator=offending, period_start=datetime.date(2012, 10, 1))
    client.force_login(clerk)
    client.post(offending.get_absolute_url(), {**POST, "numerator": "9", "version": row.version, "reason": "Late return"})
    client.force_login(officer)
    response = client.post(offending.get_absolute_url(), {**POST, "numerator": "10", "version": row.version,
                                                          "reason": "Recount"})
    assert "Someone else saved a newer version" in response.content.decode()
    assert IndicatorValue.objects.get(pk=row.pk).numerator == Decimal(9)


def test_unfollowed_indicator_is_hidden_from_everyone_but_admins(client, admin_user, member):
    lonely = IndicatorFactory(code="LONELY")
    assert client.get(lonely.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(lonely.get_absolute_url()).status_code == 403
    client.force_login(admin_user)
    assert client.get(lonely.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who, allowed", [
    ("clerk", True), ("admin", True), ("member", False), ("officer", False), ("other_clerk", False),
    ("public_user", False),
])
def test_only_the_boards_clerk_freezes_a_performance_report(client, board, offending, cast, who, allowed):
    client.force_login(cast[who])
    data = {"title": "Performance report", "indicators": [offending.pk], "as_of": "2013-11-18",
            "trend_length": "8", "public": "public"}
    response = client.post(reverse("performance:snapshot_create", args=[board.slug]), data)
    assert PerformanceSnapshot.objects.exists() is allowed
    assert response.status_code == (302 if allowed else 403)


@pytest.mark.parametrize("who, allowed", [
    ("member", True), ("officer", True), ("clerk", True), ("admin", True), ("other_member", False),
    ("public_user", False), ("anonymous", False),
])
def test_value_history_is_for_people_on_a_following_board(client, offending, cast, officer, who, allowed):
    from performance import services

    row = services.indicator_value_record(indicator=offending, period_start=datetime.date(2012, 10, 1), user=officer,
                                          numerator=Decimal(8), denominator=Decimal(326))
    services.indicator_value_record(indicator=offending, period_start=datetime.date(2012, 10, 1), user=officer,
                                    numerator=Decimal(9), denominator=Decimal(326))
    if cast[who]:
        client.force_login(cast[who])
    response = client.get(reverse("performance:value_history", args=[row.pk]))
    if allowed:
        html = response.content.decode()
        assert response.status_code == 200
        assert "8.00" in html and "9.00" in html  # old → new numerator
    else:  # the public is sent to sign in; a signed-in user without a board is refused
        assert response.status_code == (403 if cast[who] else 302)


def test_unpublished_public_report_is_not_shown_to_the_public(client, board, clerk, member, offending):
    from performance import services

    snapshot = services.performance_snapshot_create(board=board, user=clerk, public=True)
    assert client.get(snapshot.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(snapshot.get_absolute_url()).status_code == 200


def test_a_value_for_a_period_that_is_not_standard_is_corrected_not_refused(client, offending, officer):
    """The reference's local measure covers 1 September to 31 December 2012, not a standard quarter:
    saving its correction form unchanged keeps it as it was, and a correction keeps its period."""
    row = IndicatorValueFactory(indicator=offending, period_start=datetime.date(2012, 9, 1),
                                period_end=datetime.date(2012, 12, 31))
    client.force_login(officer)
    page = client.get(offending.get_absolute_url() + "?period=2012-09-01").content.decode()
    assert 'value="2012-09-01" selected' in page
    before = IndicatorValue.objects.filter(pk=row.pk).values("period_end", "numerator", "denominator", "value").get()
    response = client.post(offending.get_absolute_url(), {**POST, "period_start": "2012-09-01", "version": row.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert IndicatorValue.objects.filter(pk=row.pk).values("period_end", "numerator", "denominator", "value").get() \
        == before
    row.refresh_from_db()  # an unchanged save may or may not have moved the version on
    response = client.post(offending.get_absolute_url(), {**POST, "period_start": "2012-09-01", "numerator": "9",
                                                          "version": row.version, "reason": "Re-counted"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.period_end, row.numerator) == (datetime.date(2012, 12, 31), Decimal(9))
