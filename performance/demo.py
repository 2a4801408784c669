"""Demo indicators for the Corporate Parenting Board (`manage.py load_demo`). Idempotent.

From the reference pack: the OC2 offending measure (eight annual values and cohorts), the local
quarterly offending measure (September to December 2012, two quarters in arrears) and the
adoption scorecard A1/A2 (91 and 30 week thresholds, 95 and 36 weeks achieved in 2012/13).
The other indicators carry fictional demo values and say so in their definitions and notes.
"""
import datetime
from decimal import Decimal

from boards.models import Board
from performance import periods as period_rules
from performance.models import Comparator, Indicator, IndicatorValue, Target
from performance.services import indicator_value_record

FICTIONAL = "Fictional demo values, not Nottingham data."
D = Decimal

# The reference prints every year label as "13/13"; we take them as the eight years ending 2012/13.
OC2_YEARS = [2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012]
OC2_COHORTS = [220, 242, 223, 216, 215, 222, 225, 230]
OC2_PERCENTAGES = ["19.1", "13.2", "9.4", "8.8", "9.8", "9.0", "9.8", "8.7"]


# Who enters each indicator's values: the YOT lead the offending measures, the Acting Head of
# Safeguarding the rest (the clerk can enter any of them).
OFFENDING = {"OC2", "CIC-OFF-Q", "CIC-OFF-N"}


def _indicator(board, code, **fields) -> Indicator:
    from django.contrib.auth import get_user_model

    indicator, _ = Indicator.objects.update_or_create(code=code, defaults=fields)
    indicator.boards.add(board)
    username = "officer" if code in OFFENDING else "apartington"
    officer = get_user_model().objects.filter(username=username).select_related("person").first()
    if officer is not None and getattr(officer, "person", None) is not None:
        indicator.responsible_officers.add(officer.person)
    return indicator


def _value(indicator, start, *, end=None, numerator=None, denominator=None, value=None, notes="", target=None,
           comparators=None, provisional=False):
    existing = IndicatorValue.objects.filter(indicator=indicator, period_start=start).first()
    same = existing is not None and existing.numerator == (None if numerator is None else D(numerator)) \
        and existing.denominator == (None if denominator is None else D(denominator)) and existing.notes == notes \
        and (value is None or existing.value == D(value)) and existing.is_provisional == provisional
    target_same = target is None or Target.objects.filter(indicator=indicator, period_start=start, value=D(target)).exists()
    comps_same = all(
        Comparator.objects.filter(indicator=indicator, period_start=start, kind=k, value=D(v)).exists()
        for k, v in (comparators or {}).items()
    )
    if same and target_same and comps_same:
        return existing
    return indicator_value_record(
        indicator=indicator, period_start=start, period_end=end, user=None,
        numerator=None if numerator is None else D(numerator), denominator=None if denominator is None else D(denominator),
        value=None if value is None else D(value), notes=notes, is_provisional=provisional,
        target=None if target is None else D(target),
        comparators={k: D(v) for k, v in (comparators or {}).items()},
    )


def _quarters(first: datetime.date, count: int):
    return [period_rules.shift(first, "quarterly", n) for n in range(count)]


def load_demo(board: Board) -> None:
    """Add the reference indicators and a few fictional ones to `board`, with their values."""
    oc2 = _indicator(
        board, "OC2",
        title="Children in care aged 10 or over cautioned or convicted during the year",
        definition=(
            "Percentage of children and young people aged 10 or over, looked after continuously for at least "
            "12 months at 31 March, who were convicted or subject to a final warning or reprimand during the year "
            "for an offence committed while looked after. From the annual OC2 statutory return.\n"
            "The reference report prints every year as “13/13”; the eight values are taken as the years "
            "2005/06 to 2012/13. Numerators are worked back from the published percentages and cohorts "
            "(the report itself states 20 children for 2012/13)."
        ),
        unit=Indicator.Unit.PERCENTAGE, decimal_places=1, polarity=Indicator.Polarity.LOWER,
        numerator_label="Cautioned or convicted during the year",
        denominator_label="Children in care aged 10 or over, looked after 12 months or more",
        frequency=Indicator.Frequency.ANNUAL, year_basis=Indicator.YearBasis.FINANCIAL,
        source="OC2 statutory return (DfE)", reporting_lag=1, rag_basis=Indicator.RagBasis.NONE,
    )
    for year, cohort, pct in zip(OC2_YEARS, OC2_COHORTS, OC2_PERCENTAGES):
        numerator = int((D(pct) * cohort / 100).to_integral_value())
        _value(oc2, datetime.date(year, 4, 1), numerator=numerator, denominator=cohort,
               notes="As at 31 March 2013; 20 children." if year == 2012 else "")

    local = _indicator(
        board, "CIC-OFF-Q",
        title="Young people aged 10 to 17 in care who committed a proven offence while in care",
        definition=(
            "Local measure agreed by the Children in Care Outcomes Group: of young people aged 10 to 17 who were in "
            "care at any time during the period (placed inside or outside the city), the percentage who committed a "
            "proven offence while in care, regardless of how long they had been in care. Reported quarterly, two "
            "quarters in arrears so that the figures are robust."
        ),
        unit=Indicator.Unit.PERCENTAGE, decimal_places=1, polarity=Indicator.Polarity.LOWER,
        numerator_label="Of these, number that committed a proven offence while in care",
        denominator_label="Number of young people aged 10 to 17 who were in care during the period",
        frequency=Indicator.Frequency.QUARTERLY, year_basis=Indicator.YearBasis.FINANCIAL,
        source="Local measure (Youth Offending Team and children in care records)", reporting_lag=2,
        rag_basis=Indicator.RagBasis.NONE,
    )
    _value(local, datetime.date(2012, 9, 1), end=datetime.date(2012, 12, 31), numerator=8, denominator=326,
           notes="First period of the new measure, 1 September to 31 December 2012.")
    offences = _indicator(
        board, "CIC-OFF-N",
        title="Offences committed by young people aged 10 to 17 while in care",
        definition=(
            "Local measure: the total number of proven offences committed while in care by young people aged 10 to "
            "17 who were in care during the period. Some young people committed more than one offence. Reported "
            "two quarters in arrears."
        ),
        unit=Indicator.Unit.COUNT, decimal_places=0, polarity=Indicator.Polarity.LOWER,
        numerator_label="Number of offences", frequency=Indicator.Frequency.QUARTERLY,
        year_basis=Indicator.YearBasis.FINANCIAL, source="Local measure (Youth Offending Team)", reporting_lag=2,
        rag_basis=Indicator.RagBasis.NONE,
    )
    _value(offences, datetime.date(2012, 9, 1), end=datetime.date(2012, 12, 31), numerator=48,
           notes="The most common offence was violence against the person.")

    scorecard = [
        ("A1", "Average time between a child entering care and moving in with their adoptive family",
         "Adoption scorecard indicator A1: average number of weeks between a child entering care and being placed "
         "for adoption. Government guidance: no more than 91 weeks.", 91, 95),
        ("A2", "Average time between court authority to place a child and matching to an adoptive family",
         "Adoption scorecard indicator A2: average number of weeks between the court agreeing a plan for adoption "
         "(placement order) and the child being matched to adoptive parents. Government guidance: no more than "
         "30 weeks.", 30, 36),
    ]
    for code, title, definition, threshold, achieved in scorecard:
        indicator = _indicator(
            board, code, title=title, definition=definition, unit=Indicator.Unit.WEEKS, decimal_places=0,
            polarity=Indicator.Polarity.LOWER, frequency=Indicator.Frequency.ANNUAL,
            year_basis=Indicator.YearBasis.FINANCIAL, source="Adoption scorecard (DfE)", reporting_lag=1,
            rag_basis=Indicator.RagBasis.THRESHOLDS, green_threshold=D(threshold), amber_threshold=None,
        )
        _value(indicator, datetime.date(2012, 4, 1), value=achieved, notes="2012/13 average for Nottingham City.")

    _fictional(board)


def _fictional(board):
    quarters = _quarters(datetime.date(2011, 4, 1), 9)  # Q1 2011/12 to Q1 2013/14
    stability = _indicator(
        board, "PS1",
        title="Children in care with three or more placements during the year",
        definition=(
            "Percentage of children in care at the end of the quarter who had three or more placements in the "
            f"previous 12 months. {FICTIONAL}"
        ),
        unit=Indicator.Unit.PERCENTAGE, decimal_places=1, polarity=Indicator.Polarity.LOWER,
        numerator_label="Children with three or more placements in 12 months",
        denominator_label="Children in care at the end of the quarter",
        frequency=Indicator.Frequency.QUARTERLY, year_basis=Indicator.YearBasis.FINANCIAL,
        source="Children's social care case management system", reporting_lag=1,
        rag_basis=Indicator.RagBasis.TARGET, amber_tolerance_percent=D(10),
    )
    for start, (num, den) in zip(quarters, [(68, 560), (66, 571), (64, 577), (63, 580), (66, 584), (61, 590),
                                            (58, 588), (56, 592), (62, 596)]):
        _value(stability, start, numerator=num, denominator=den, target="10.5", notes=FICTIONAL,
               comparators={"england": "11.0", "neighbours": "11.8"})

    eet = _indicator(
        board, "CL-EET",
        title="Care leavers aged 19 to 21 in education, employment or training",
        definition=(
            "Percentage of care leavers aged 19, 20 and 21 with whom the council is in touch who are in education, "
            f"employment or training. {FICTIONAL}"
        ),
        unit=Indicator.Unit.PERCENTAGE, decimal_places=1, polarity=Indicator.Polarity.HIGHER,
        numerator_label="Care leavers in education, employment or training",
        denominator_label="Care leavers aged 19 to 21 in touch with the council",
        frequency=Indicator.Frequency.QUARTERLY, year_basis=Indicator.YearBasis.FINANCIAL,
        source="Leaving care team records", reporting_lag=1,
        rag_basis=Indicator.RagBasis.TARGET, amber_tolerance_percent=D(5),
    )
    for start, (num, den) in zip(quarters, [(61, 142), (63, 145), (66, 147), (64, 150), (70, 151), (72, 155),
                                            (71, 158), (78, 160), (80, 162)]):
        _value(eet, start, numerator=num, denominator=den, target="50.0", notes=FICTIONAL,
               comparators={"england": "45.0", "region": "44.0"})

    health = _indicator(
        board, "HA-TIME",
        title="Annual health assessments completed on time",
        definition=(
            "Percentage of children looked after for at least 12 months whose annual health assessment was "
            f"completed by its due date. {FICTIONAL}"
        ),
        unit=Indicator.Unit.PERCENTAGE, decimal_places=1, polarity=Indicator.Polarity.HIGHER,
        numerator_label="Health assessments completed on time", denominator_label="Health assessments due",
        frequency=Indicator.Frequency.QUARTERLY, year_basis=Indicator.YearBasis.FINANCIAL,
        source="Looked After Children health team", reporting_lag=1,
        rag_basis=Indicator.RagBasis.TARGET, amber_tolerance_percent=D(5),
    )
    for start, (num, den) in zip(quarters, [(88, 112), (95, 118), (99, 121), (101, 119), (104, 120), (108, 122),
                                            (111, 124), (113, 123), (110, 126)]):
        _value(health, start, numerator=num, denominator=den, target="90.0", notes=FICTIONAL,
               comparators={"england": "87.0"}, provisional=(start == quarters[-1]))

    adoptions = _indicator(
        board, "ADOPT-Q",
        title="Children adopted from care during the quarter",
        definition=(
            "Number of children who left care through an adoption order during the quarter. Small numbers are "
            f"suppressed in public outputs. {FICTIONAL}"
        ),
        unit=Indicator.Unit.COUNT, decimal_places=0, polarity=Indicator.Polarity.NEITHER,
        numerator_label="Children adopted", frequency=Indicator.Frequency.QUARTERLY,
        year_basis=Indicator.YearBasis.FINANCIAL, source="Children's social care case management system",
        reporting_lag=1, rag_basis=Indicator.RagBasis.NONE,
    )
    for start, count in zip(quarters, [7, 9, 4, 11, 8, 3, 10, 12, 6]):
        _value(adoptions, start, numerator=count, notes=FICTIONAL)
