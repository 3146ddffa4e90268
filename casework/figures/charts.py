"""The trend chart of one indicator: a bar per year and the year's goal as a line, drawn by the
server as SVG geometry (no script, no style attribute: the CSP refuses both; colours in app.css).

A suppressed year has no bar: its mark ("< 5", "x") stands on the axis instead. The template
`figures/_chart.html` draws it; the table beside it is the text version for screen readers.
"""

from __future__ import annotations

from typing import Any

WIDTH, HEIGHT = 480, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 464, 20, 184


def _scale_max(peak: float) -> float:
    """A round upper bound for the value axis (at least 4, so ticks are whole numbers)."""
    top = max(peak, 4.0)
    magnitude = 10 ** (len(str(int(top))) - 1)
    step = 1 if top <= 10 else magnitude / 2 if top <= 5 * magnitude else magnitude
    return -(-top // step) * step


def chart(published: Any) -> dict[str, Any]:
    rows = published.rows
    values = [float(row.total.shown) for row in rows if row.total.shown is not None]
    goals = [float(row.goal.value) for row in rows if row.goal]
    top = _scale_max(max([*values, *goals, 0.0]))
    height = BOTTOM - TOP
    slot = (RIGHT - LEFT) / max(len(rows), 1)
    bar_width = min(40.0, slot / 2)

    def y_of(value: float) -> float:
        return round(BOTTOM - height * value / top, 1)

    bars, marks, goal_lines, labels = [], [], [], []
    for index, row in enumerate(rows):
        centre = LEFT + slot * index + slot / 2
        labels.append({"x": round(centre, 1), "text": str(row.year)})
        shown = row.total.shown
        if shown is not None:
            y = y_of(float(shown))
            bars.append({"x": round(centre - bar_width / 2, 1), "y": y, "width": round(bar_width, 1),
                         "height": round(BOTTOM - y, 1), "text": row.total.text, "text_x": round(centre, 1),
                         "year": row.year})
        else:
            marks.append({"x": round(centre, 1), "y": BOTTOM - 6, "text": row.total.text, "year": row.year})
        if row.goal:
            goal_lines.append({"x1": round(centre - slot * 0.4, 1), "x2": round(centre + slot * 0.4, 1),
                               "y": y_of(float(row.goal.value)), "text": row.goal.text})
    step = top / 4
    ticks = [{"y": y_of(step * n), "value": _tick(step * n)} for n in range(5)]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": RIGHT, "bottom": BOTTOM, "bars": bars,
            "marks": marks, "goals": goal_lines, "labels": labels, "ticks": ticks, "label_y": BOTTOM + 20}


def _tick(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"
