"""The trend chart: one server-side SVG renderer, used on the indicator page and in the pack PDF.

It draws only what the series (performance.series) gives it, so a suppressed period is simply a
gap: no point, no line through it, no label. Output is deterministic: the same series gives
byte-for-byte the same SVG, which is what lets the page and the PDF show the same picture.
"""
import hashlib
import json
import math
from html import escape

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 96
VALUE_COLOUR = "#0b3d6e"
TARGET_COLOUR = "#0b0c0c"
COMPARATOR_STYLE = {
    "england": ("#6f2c91", "6 4"),
    "region": ("#8a4b08", "10 3 2 3"),
    "neighbours": ("#505a5f", "2 3"),
}
RAG_STYLE = {"green": "#00703c", "amber": "#ffbf00", "red": "#b00020"}
UNIT_TICK_SUFFIX = {"percentage": "%"}


def _n(x: float) -> str:
    return f"{x:.1f}"


def _nice_max(top: float) -> tuple[float, float, int]:
    """A round axis maximum just above `top`, its step, and the number of intervals (4 to 6)."""
    if top <= 0:
        return 1.0, 0.2, 5
    best = None
    for intervals in (4, 5, 6):
        raw = top * 1.05 / intervals
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
        if best is None or step * intervals < best[0]:
            best = (step * intervals, step, intervals)
    return best


def _tick(value: float, step: float, unit: str) -> str:
    places = 0 if float(step).is_integer() else (1 if (step * 10).is_integer() else 2)
    return f"{value:,.{places}f}{UNIT_TICK_SUFFIX.get(unit, '')}"


def _marker(rag: str | None, x: float, y: float) -> str:
    """RAG by shape as well as colour: Green circle, Amber triangle, Red square."""
    if rag == "green":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="6" fill="{RAG_STYLE["green"]}" stroke="#0b0c0c" stroke-width="1"/>'
    if rag == "amber":
        pts = f"{_n(x)},{_n(y - 7)} {_n(x + 7)},{_n(y + 5)} {_n(x - 7)},{_n(y + 5)}"
        return f'<polygon points="{pts}" fill="{RAG_STYLE["amber"]}" stroke="#0b0c0c" stroke-width="1"/>'
    if rag == "red":
        return f'<rect x="{_n(x - 6)}" y="{_n(y - 6)}" width="12" height="12" fill="{RAG_STYLE["red"]}" stroke="#0b0c0c" stroke-width="1"/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{VALUE_COLOUR}"/>'


def _paths(coords: list) -> list[str]:
    """Polylines through consecutive known points; a None breaks the line."""
    runs, run = [], []
    for c in coords:
        if c is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(c)
    if run:
        runs.append(run)
    return [" ".join(f"{_n(x)},{_n(y)}" for x, y in r) for r in runs if len(r) > 1]


def chart_id(series: dict) -> str:
    digest = hashlib.sha256(json.dumps(series, sort_keys=True).encode()).hexdigest()[:10]
    return f"chart-{digest}"


def describe(series: dict) -> str:
    points = series["points"]
    if not points:
        return "No values have been recorded yet."
    latest = points[-1]
    text = (
        f"Line chart of {series['title']} ({series['unit_label'].lower()}, {series['polarity_label'].lower()}) "
        f"for {len(points)} period{'s' if len(points) != 1 else ''} from {points[0]['period']} to {latest['period']}. "
    )
    if latest["suppressed"]:
        text += f"Latest period {latest['period']}: suppressed (small number). "
    else:
        text += f"Latest period {latest['period']}: {latest['display']}"
        text += f", RAG {latest['rag_word']}. " if latest["rag_word"] else ". "
    if latest.get("target_display"):
        text += f"{series['target_label']}: {latest['target_display']}. "
    text += "The table that follows gives every value."
    return text


def trend_chart_svg(series: dict) -> str:
    """SVG markup for the series: values, target line, comparators and RAG markers, with a legend."""
    uid = chart_id(series)
    points = series["points"]
    unit = series["unit"]
    title = f"{series['code']} {series['title']}: trend"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{uid}-title {uid}-desc" '
        f'font-family="Liberation Sans, Arial, sans-serif" font-size="12">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(describe(series))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    known = [p["value"] for p in points if p["value"] is not None]
    known += [p["target"] for p in points if p["target"] is not None]
    known += [c["value"] for p in points for c in p["comparators"].values() if c["value"] is not None]
    if not known:
        parts.append(f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle" fill="#0b0c0c">No values to show</text>')
        parts.append("</svg>")
        return "".join(parts)
    y_max, step, intervals = _nice_max(max(known))

    def y_of(v):
        return TOP + plot_h - (v / y_max) * plot_h

    slot = plot_w / len(points)

    def x_of(i):
        return LEFT + slot * (i + 0.5)

    # Grid and y axis.
    for k in range(intervals + 1):
        v = step * k
        y = y_of(v)
        parts.append(f'<line x1="{LEFT}" y1="{_n(y)}" x2="{WIDTH - RIGHT}" y2="{_n(y)}" stroke="#d8dde3" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end" fill="#0b0c0c">{escape(_tick(v, step, unit))}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#0b0c0c" stroke-width="1"/>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#0b0c0c" stroke-width="1"/>')

    # X labels: every label when they fit, otherwise every k-th, slanted when crowded.
    every = max(1, math.ceil(len(points) / 16))
    slant = len(points) > 6
    for i, p in enumerate(points):
        if i % every and i != len(points) - 1:
            continue
        x, y = x_of(i), TOP + plot_h + 16
        label = escape(p["period"])
        if slant:
            parts.append(f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="end" transform="rotate(-35 {_n(x)} {_n(y)})" fill="#0b0c0c">{label}</text>')
        else:
            parts.append(f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle" fill="#0b0c0c">{label}</text>')

    # Comparators, then target, then values on top.
    for kind, _label in series["comparator_kinds"]:
        colour, dash = COMPARATOR_STYLE[kind]
        coords = [
            (x_of(i), y_of(p["comparators"][kind]["value"])) if kind in p["comparators"] else None
            for i, p in enumerate(points)
        ]
        for line in _paths(coords):
            parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>')
        for c in coords:
            if c is not None:
                parts.append(f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="2.5" fill="{colour}"/>')
    target_coords = [(x_of(i), y_of(p["target"])) if p["target"] is not None else None for i, p in enumerate(points)]
    for line in _paths(target_coords):
        parts.append(f'<polyline points="{line}" fill="none" stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="8 4"/>')
    for c in target_coords:
        if c is not None:
            parts.append(f'<line x1="{_n(c[0] - 8)}" y1="{_n(c[1])}" x2="{_n(c[0] + 8)}" y2="{_n(c[1])}" stroke="{TARGET_COLOUR}" stroke-width="2"/>')
    value_coords = [(x_of(i), y_of(p["value"])) if p["value"] is not None else None for i, p in enumerate(points)]
    for line in _paths(value_coords):
        parts.append(f'<polyline points="{line}" fill="none" stroke="{VALUE_COLOUR}" stroke-width="2.5"/>')
    for p, c in zip(points, value_coords):
        if c is not None:
            parts.append(_marker(p["rag"], *c))

    # Legend: line styles, then the RAG shapes in use.
    legend = [("line", VALUE_COLOUR, "", "Value")]
    if any(c is not None for c in target_coords):
        legend.append(("line", TARGET_COLOUR, "8 4", series["target_label"]))
    for kind, label in series["comparator_kinds"]:
        colour, dash = COMPARATOR_STYLE[kind]
        legend.append(("line", colour, dash, label))
    for rag, word in (("green", "Green"), ("amber", "Amber"), ("red", "Red")):
        if any(p["rag"] == rag for p in points if p["value"] is not None):
            legend.append(("rag", rag, "", word))
    x, y = LEFT, HEIGHT - 34
    for kind, colour, dash, label in legend:
        item_width = 30 + int(6.5 * len(label)) + 18
        if x + item_width > WIDTH - RIGHT:
            x, y = LEFT, y + 20
        if kind == "line":
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 24}" y2="{y - 4}" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        else:
            parts.append(_marker(colour, x + 12, y - 4))
        parts.append(f'<text x="{x + 30}" y="{y}" fill="#0b0c0c">{escape(label)}</text>')
        x += item_width
    parts.append("</svg>")
    return "".join(parts)
