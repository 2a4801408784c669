"""Reads for performance pages, with their joins done up front (a fixed number of queries)."""
from django.db.models import OuterRef, Prefetch, Subquery

from performance.models import Comparator, Indicator, IndicatorValue, Target


def indicator_list(user, *, board=None):
    """Visible indicators, each with `latest` (its newest value, target annotated) and its boards.

    Three queries whatever the number of indicators or periods: indicators (with the newest
    value's id as a subquery), those newest values, and the following boards.
    """
    newest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-period_start").values("pk")[:1]
    qs = (
        Indicator.objects.visible_to(user)
        .select_related("owner")
        .only("id", "code", "title", "unit", "decimal_places", "polarity", "frequency", "year_basis", "source",
              "reporting_lag", "rag_basis", "amber_tolerance_percent", "green_threshold", "amber_threshold",
              "numerator_label", "denominator_label", "owner__first_name", "owner__last_name", "owner__honorific")
        .annotate(latest_value_id=Subquery(newest))
        .prefetch_related("boards", "responsible_officers")
        .order_by("code")
    )
    if board is not None:
        qs = qs.filter(boards=board)
    indicators = list(qs)
    target = Target.objects.filter(indicator=OuterRef("indicator_id"), period_start=OuterRef("period_start")).values("value")[:1]
    latest = {
        v.pk: v
        for v in IndicatorValue.objects.filter(pk__in=[i.latest_value_id for i in indicators if i.latest_value_id])
        .annotate(target_value=Subquery(target))
    }
    for i in indicators:
        i.latest = latest.get(i.latest_value_id)
        if i.latest is not None:
            i.latest.indicator = i
    return indicators


def indicator_detail(pk):
    return (
        Indicator.objects.select_related("owner")
        .prefetch_related(
            "boards", "responsible_officers",
            Prefetch("values", queryset=IndicatorValue.objects.order_by("period_start")),
            Prefetch("targets", queryset=Target.objects.order_by("period_start")),
            Prefetch("comparators", queryset=Comparator.objects.order_by("period_start", "kind")),
        )
        .get(pk=pk)
    )


def indicators_for_report(ids):
    """Indicators with everything a performance report needs, in code order."""
    return list(
        Indicator.objects.filter(pk__in=ids)
        .prefetch_related("boards", "values", "targets", "comparators")
        .order_by("code")
    )
