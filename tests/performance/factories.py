"""Factories for indicators and their values."""
import datetime
from decimal import Decimal

import factory

from performance.figures import compute_value
from performance.models import Comparator, Indicator, IndicatorValue, Target


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"IND{n:04d}")
    title = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "A test indicator."
    unit = Indicator.Unit.PERCENTAGE
    polarity = Indicator.Polarity.LOWER
    numerator_label = "Children who offended"
    denominator_label = "Children in care aged 10 to 17"
    frequency = Indicator.Frequency.QUARTERLY
    year_basis = Indicator.YearBasis.FINANCIAL
    source = "Local measure"
    reporting_lag = 1

    @factory.post_generation
    def boards(self, create, extracted, **kwargs):
        if create and extracted:
            self.boards.add(*extracted)

    @factory.post_generation
    def responsible_officers(self, create, extracted, **kwargs):
        """The people (Person) who may enter its values."""
        if create and extracted:
            self.responsible_officers.add(*extracted)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    """A value whose stored figure is computed the way the service computes it."""

    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = datetime.date(2012, 4, 1)
    period_end = factory.LazyAttribute(lambda v: _end(v.indicator, v.period_start))
    numerator = Decimal(8)
    denominator = Decimal(326)
    value = factory.LazyAttribute(
        lambda v: compute_value(unit=v.indicator.unit, numerator=v.numerator, denominator=v.denominator, value=None)
    )


def _end(indicator, start):
    from performance import periods

    return periods.standard_end(start, indicator.frequency)


def quarter_starts(first: datetime.date, count: int):
    from performance import periods

    return [periods.shift(first, "quarterly", n) for n in range(count)]


def bulk_values(indicators, starts, numerator=Decimal(8), denominator=Decimal(326)):
    """Many values quickly (bulk_create bypasses history, as a data load would)."""
    from performance import periods

    value = compute_value(unit="percentage", numerator=numerator, denominator=denominator, value=None)
    rows = [
        IndicatorValue(indicator=i, period_start=s, period_end=periods.standard_end(s, i.frequency),
                       numerator=numerator, denominator=denominator, value=value)
        for i in indicators for s in starts
    ]
    IndicatorValue.objects.bulk_create(rows, batch_size=2000)
    Target.objects.bulk_create([Target(indicator=i, period_start=starts[-1], value=Decimal(3)) for i in indicators])
    Comparator.objects.bulk_create(
        [Comparator(indicator=i, period_start=starts[-1], kind="england", value=Decimal(4)) for i in indicators]
    )
