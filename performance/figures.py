"""Numbers as the papers print them: computing a value, rounding, RAG, and small-number suppression."""
from decimal import ROUND_HALF_UP, Decimal

SUPPRESSED = "c"
SUPPRESSION_NOTE = (
    "c: suppressed. Numbers from 1 to 5, and rates and percentages based on them, are not published "
    "because they could identify children."
)
RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}
UNIT_SUFFIX = {"percentage": "%", "rate_10k": "", "count": "", "days": " days", "weeks": " weeks"}
STORE = Decimal("0.0001")


class FigureError(ValueError):
    """A value that cannot be recorded; `field` names the input at fault."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def compute_value(*, unit: str, numerator: Decimal | None, denominator: Decimal | None, value: Decimal | None) -> Decimal:
    """The value to store: computed for percentages, rates and counts; typed for days and weeks."""
    if unit in ("percentage", "rate_10k"):
        if numerator is None:
            raise FigureError("numerator", "Enter the numerator.")
        if denominator is None:
            raise FigureError("denominator", "Enter the denominator.")
        if numerator < 0:
            raise FigureError("numerator", "The numerator cannot be negative.")
        if denominator <= 0:
            raise FigureError("denominator", "The denominator must be greater than zero.")
        # Numerators and denominators count children (or events): whole numbers. A "5.4" would
        # otherwise slip past small-number suppression and be printed as 5.
        if not _whole(numerator):
            raise FigureError("numerator", "The numerator is a count: enter a whole number.")
        if not _whole(denominator):
            raise FigureError("denominator", "The denominator is a count: enter a whole number.")
        if unit == "percentage" and numerator > denominator:
            raise FigureError("numerator", "The numerator cannot be larger than the denominator for a percentage.")
        scale = Decimal(100) if unit == "percentage" else Decimal(10000)
        return (numerator * scale / denominator).quantize(STORE, rounding=ROUND_HALF_UP)
    if unit == "count":
        if numerator is None:
            raise FigureError("numerator", "Enter the count.")
        if numerator < 0 or not _whole(numerator):
            raise FigureError("numerator", "A count must be a whole number, zero or more.")
        return numerator.quantize(STORE)
    if value is None:
        raise FigureError("value", "Enter the value.")
    if value < 0:
        raise FigureError("value", "The value cannot be negative.")
    return value.quantize(STORE, rounding=ROUND_HALF_UP)


def _whole(n: Decimal) -> bool:
    return n == n.to_integral_value()


def rounded(value: Decimal | None, places: int) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | None, places: int = 0) -> str:
    if value is None:
        return ""
    return f"{rounded(value, places):,.{places}f}"


def format_value(value: Decimal | None, unit: str, places: int) -> str:
    """'2.5%', '95 weeks', '48'."""
    if value is None:
        return ""
    return f"{format_number(value, places)}{UNIT_SUFFIX.get(unit, '')}"


def is_small_number(n: Decimal | None) -> bool:
    """1 to 5 as it would be printed: judged after rounding to a whole number, so 0.6 and 5.4
    (stored before counts had to be whole, or typed into the admin) are small as 1 and 5 are."""
    return n is not None and 1 <= rounded(n, 0) <= 5


def must_suppress(*, unit: str, numerator: Decimal | None, value: Decimal | None) -> bool:
    """DfE convention: a count of 1 to 5, or a rate or percentage whose numerator is 1 to 5 (after rounding)."""
    if unit == "count":
        return is_small_number(value if value is not None else numerator)
    if unit in ("percentage", "rate_10k"):
        return is_small_number(numerator)
    return False


def rag_for(*, value, polarity: str, basis: str, target=None, tolerance_percent=None,
            green_threshold=None, amber_threshold=None) -> str | None:
    """'green', 'amber', 'red' or None (no basis to judge). Respects polarity.

    Against a target: Green if on target or better; Amber if worse by no more than the tolerance
    (a percentage of the target); Red beyond. Against fixed thresholds: Green within the green
    threshold, Amber within the amber threshold if one is set, Red beyond.
    """
    if value is None or polarity == "neither" or basis == "none":
        return None
    value = Decimal(value)

    def at_least_as_good(v, bound):
        return v >= bound if polarity == "higher" else v <= bound

    if basis == "target":
        if target is None:
            return None
        target = Decimal(target)
        if at_least_as_good(value, target):
            return "green"
        allowed = abs(target) * Decimal(tolerance_percent or 0) / Decimal(100)
        return "amber" if abs(value - target) <= allowed else "red"
    if basis == "thresholds":
        if green_threshold is None:
            return None
        if at_least_as_good(value, Decimal(green_threshold)):
            return "green"
        if amber_threshold is not None and at_least_as_good(value, Decimal(amber_threshold)):
            return "amber"
        return "red"
    return None
