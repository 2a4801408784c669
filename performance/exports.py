"""CSV of an indicator's values, written only from its series, so the public file is suppressed too."""
import io

from core.exports import csv_writer
from performance.series import COMPARATOR_KINDS


def series_csv(series: dict) -> str:
    """One row per period. A public file says so in its first line and carries the suppression note."""
    out = io.StringIO()
    writer = csv_writer(out)
    if series["public"]:
        writer.writerow([f"Public data: small numbers suppressed. {series['suppression_note'] or ''}".strip()])
    else:
        writer.writerow(["Not for publication: contains unsuppressed figures for board members."])
    writer.writerow(["indicator", "title", "period", "period_start", "period_end", "numerator", "denominator",
                     "value", series["target_label"].lower(), *[label for _k, label in COMPARATOR_KINDS],
                     "rag", "provisional", "notes"])
    for p in series["points"]:
        writer.writerow([
            series["code"], series["title"], p["period"], p["period_start"], p["period_end"],
            p["numerator_display"], p["denominator_display"], p["display"], p["target_display"],
            *[p["comparators"].get(k, {}).get("display", "") for k, _label in COMPARATOR_KINDS],
            p["rag_word"], "yes" if p["provisional"] else "", p["notes"],
        ])
    return out.getvalue()
