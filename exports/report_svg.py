"""Inline SVG plots for the morning report: one small pure function per kind of plot.

Each function takes plain numbers and already translated labels and returns SVG markup that
needs no script, font or request. Every label is escaped here, and ``sanitised_svg`` runs the
result through nh3 with an allow-list of SVG elements and attributes before it reaches the
page. ``None`` in a series is a value held back for privacy: a gap in a line, a hatched bar.
"""

from __future__ import annotations

from collections.abc import Sequence

import nh3
from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 46, 46, 14, 40
COLORS = ("#1f5fa8", "#d9822b", "#2e8b57", "#b23a48", "#6a4c93", "#5f7c8a", "#c2a83e", "#3a8fb7")
BAR, LINE, SUPPRESSED, GRID, INK = "#9cc0e6", "#b23a48", "#d7d7d7", "#e6e6e6", "#333333"

SVG_TAGS = {"svg", "title", "desc", "g", "rect", "line", "polyline", "circle", "text", "pattern", "defs", "path"}
SVG_ATTRIBUTES = {"*": {
    "xmlns", "viewBox", "width", "height", "role", "aria-label", "class", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
    "points", "d", "fill", "stroke", "stroke-width", "stroke-dasharray", "text-anchor", "font-size", "font-weight",
    "preserveAspectRatio", "patternUnits", "patternTransform", "transform", "opacity", "data-plot", "id",
}}


def sanitised_svg(svg: str) -> Markup:
    """``svg`` with anything outside the SVG allow-list removed (nh3), marked safe for the template."""
    return Markup(nh3.clean(svg, tags=SVG_TAGS, attributes=SVG_ATTRIBUTES, link_rel=None, strip_comments=True))


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _frame(name: str, title: str, body: list[str], height: int = HEIGHT) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
            f'aria-label="{escape(title)}" class="plot" data-plot="{escape(name)}"><title>{escape(title)}</title>')
    hatch = ('<defs><pattern id="hatch-{0}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
             '<rect width="3" height="6" fill="{1}"></rect></pattern></defs>').format(escape(name), SUPPRESSED)
    return sanitised_svg(head + hatch + "".join(body) + "</svg>")


def nice_max(value: float, ticks: int = 4) -> float:
    """A round axis maximum at or above ``value``: ``ticks`` steps of 1, 2, 3 or 5 times a power of ten (1 for shares)."""
    if value <= 0:
        return float(ticks)
    if value <= 1 and ticks * 0.2 < value:
        return 1.0
    for exp in range(-3, 10):
        for m in (1, 2, 3, 5):
            if ticks * m * 10.0**exp >= value:
                return round(ticks * m * 10.0**exp, 6)
    return float(value)


def _y_axis(top: float, fmt, x: float, anchor: str, ticks: int = 4, height: int = HEIGHT) -> list[str]:
    plot_h = height - TOP - BOTTOM
    out = []
    for i in range(ticks + 1):
        y = height - BOTTOM - plot_h * i / ticks
        if anchor == "end":
            out.append(f'<line x1="{LEFT}" y1="{_n(y)}" x2="{WIDTH - RIGHT}" y2="{_n(y)}" stroke="{GRID}"></line>')
        out.append(f'<text x="{_n(x)}" y="{_n(y + 4)}" text-anchor="{anchor}" font-size="11" fill="{INK}">{escape(fmt(top * i / ticks))}</text>')
    return out


def _x_labels(labels: Sequence[str], xs: Sequence[float], height: int = HEIGHT, every: int | None = None) -> list[str]:
    every = every or max(1, -(-len(labels) // 10))
    return [f'<text x="{_n(x)}" y="{height - BOTTOM + 16}" text-anchor="middle" font-size="11" fill="{INK}">{escape(label)}</text>'
            for i, (label, x) in enumerate(zip(labels, xs)) if i % every == 0 or i == len(labels) - 1]


def _legend(items: Sequence[tuple[str, str]], height: int = HEIGHT) -> list[str]:
    out, x = [], LEFT
    for label, color in items:
        out.append(f'<rect x="{_n(x)}" y="{height - 14}" width="10" height="10" fill="{color}"></rect>')
        out.append(f'<text x="{_n(x + 14)}" y="{height - 5}" font-size="11" fill="{INK}">{escape(label)}</text>')
        x += 24 + 6.5 * len(label)
    return out


def _polyline(points: list[tuple[float, float] | None], color: str) -> list[str]:
    """One polyline per run of known points (a None breaks the line), plus a dot on every point."""
    out, run = [], []
    for p in points + [None]:
        if p is None:
            if len(run) > 1:
                out.append(f'<polyline points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in run)}" fill="none" stroke="{color}" stroke-width="2"></polyline>')
            out.extend(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{color}"></circle>' for x, y in run)
            run = []
        else:
            run.append(p)
    return out


def weekly_bars_and_rate(name: str, title: str, weeks: Sequence[str], bars: Sequence[int | None],
                         rate: Sequence[float | None], bar_label: str, rate_label: str, fmt_pct) -> Markup:
    """Bars of a weekly count (left axis) with a line of a weekly rate 0-1 (right axis)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    top = nice_max(max([b for b in bars if b is not None] or [0]))
    body = _y_axis(top, lambda v: _n(v), LEFT - 6, "end") + _y_axis(1.0, fmt_pct, WIDTH - RIGHT + 6, "start")
    xs = [LEFT + slot * (i + 0.5) for i in range(len(weeks))]
    for x, b in zip(xs, bars):
        h = plot_h if b is None else plot_h * b / top
        fill = f"url(#hatch-{escape(name)})" if b is None else BAR
        body.append(f'<rect x="{_n(x - slot * 0.35)}" y="{_n(TOP + plot_h - h)}" width="{_n(slot * 0.7)}" height="{_n(h)}" fill="{fill}"></rect>')
    body += _polyline([None if r is None else (x, TOP + plot_h * (1 - r)) for x, r in zip(xs, rate)], LINE)
    body += _x_labels(weeks, xs) + _legend([(bar_label, BAR), (rate_label, LINE)])
    return _frame(name, title, body)


def weekly_lines(name: str, title: str, weeks: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]) -> Markup:
    """One line per series over the weeks (left axis from 0), with a legend."""
    rows = (len(series) + 1) // 2
    height = HEIGHT + 16 * max(rows - 1, 0)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    top = nice_max(max([v for _, vals in series for v in vals if v is not None] or [0]))
    xs = [LEFT + slot * (i + 0.5) for i in range(len(weeks))]
    base = TOP + plot_h
    body = [f'<line x1="{LEFT}" y1="{_n(base - plot_h * i / 4)}" x2="{WIDTH - RIGHT}" y2="{_n(base - plot_h * i / 4)}" stroke="{GRID}"></line>'
            f'<text x="{LEFT - 6}" y="{_n(base - plot_h * i / 4 + 4)}" text-anchor="end" font-size="11" fill="{INK}">{_n(top * i / 4)}</text>'
            for i in range(5)]
    for (_label, vals), color in zip(series, COLORS * 4):
        body += _polyline([None if v is None else (x, base - plot_h * v / top) for x, v in zip(xs, vals)], color)
    body += [f'<text x="{_n(x)}" y="{_n(base + 16)}" text-anchor="middle" font-size="11" fill="{INK}">{escape(w)}</text>'
             for i, (w, x) in enumerate(zip(weeks, xs)) if i % max(1, -(-len(weeks) // 10)) == 0 or i == len(weeks) - 1]
    legend_y = base + 30
    for i, ((label, _), color) in enumerate(zip(series, COLORS * 4)):
        x, y = LEFT + (i % 2) * (plot_w / 2), legend_y + 16 * (i // 2)
        short = label if len(label) <= 48 else label[:47] + "\u2026"
        body.append(f'<rect x="{_n(x)}" y="{_n(y - 9)}" width="10" height="10" fill="{color}"></rect>'
                    f'<text x="{_n(x + 14)}" y="{_n(y)}" font-size="10" fill="{INK}">{escape(short)}</text>')
    return _frame(name, title, body, height + 8)


def bars(name: str, title: str, categories: Sequence[str], values: Sequence[float], value_labels: Sequence[str],
         colors: Sequence[str] | None = None) -> Markup:
    """Vertical bars, one per category, with its value written above it."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(categories), 1)
    top = nice_max(max(list(values) or [0]))
    body = _y_axis(top, lambda v: _n(v) if top > 1 else f"{v:.0%}", LEFT - 6, "end")
    for i, (_cat, v, lab) in enumerate(zip(categories, values, value_labels)):
        x, h = LEFT + slot * i, plot_h * v / top
        color = (colors or [BAR])[i % len(colors or [BAR])]
        body.append(f'<rect x="{_n(x + slot * 0.15)}" y="{_n(TOP + plot_h - h)}" width="{_n(slot * 0.7)}" height="{_n(h)}" fill="{color}"></rect>')
        body.append(f'<text x="{_n(x + slot / 2)}" y="{_n(TOP + plot_h - h - 4)}" text-anchor="middle" font-size="11" fill="{INK}">{escape(lab)}</text>')
    body += _x_labels(categories, [LEFT + slot * (i + 0.5) for i in range(len(categories))], every=1)
    return _frame(name, title, body)
