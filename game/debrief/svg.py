"""Inline SVG charts for the HTML debrief: plain strings, no scripts, no network, no libraries.

Series differ by colour AND by dash pattern and marker shape, so nothing is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

W, H = 700, 360
LEFT, RIGHT, TOP, BOTTOM = 56, 210, 20, 44
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "circle", "square")
OFFER_MARKERS = ("triangle", "square", "cross", "circle")  # diamond and star mark Nash and deal


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per x position; None leaves a gap
    reference: float | None = None  # e.g. the reservation value, drawn dotted


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str
    group: str  # legend group: "frontier", "offer by ...", "final deal", "Nash point"
    tag: str = ""  # short text drawn beside the marker (e.g. session numbers)


def _sx(x: float, lo: float, hi: float) -> float:
    span = (hi - lo) or 1.0
    return LEFT + (x - lo) / span * (W - LEFT - RIGHT)


def _sy(y: float) -> float:
    return TOP + (1 - y) * (H - TOP - BOTTOM)


def marker(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    s = size
    if shape == "none":
        return ""
    if shape == "square":
        return (f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" '
                f'fill="{colour}"/>')
    if shape == "triangle":
        pts = f"{x:.1f},{y - s - 1:.1f} {x - s:.1f},{y + s:.1f} {x + s:.1f},{y + s:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - s - 1:.1f} {x + s + 1:.1f},{y:.1f} {x:.1f},{y + s + 1:.1f} " \
              f"{x - s - 1:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "cross":
        return (f'<path d="M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},'
                f'{y + s:.1f}L{x + s:.1f},{y - s:.1f}" stroke="{colour}" stroke-width="2.5"/>')
    if shape == "star":
        return (f'<text x="{x:.1f}" y="{y + 6:.1f}" text-anchor="middle" font-size="20" '
                f'fill="{colour}">&#9733;</text>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" fill="{colour}"/>'


def _frame(title: str, xlabel: str, ylabel: str, body: list[str], xticks: list[tuple[float, str]]
           ) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" '
        f'height="{H}" role="img" aria-label="{escape(title)}" font-family="sans-serif" '
        f'font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>',
    ]
    for i in range(6):
        v = i / 5
        y = _sy(v)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#e0e0e0"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{v:.1f}</text>')
    for x, label in xticks:
        parts.append(f'<text x="{x:.1f}" y="{H - BOTTOM + 16}" text-anchor="middle">'
                     f"{escape(label)}</text>")
    parts += [
        f'<line x1="{LEFT}" y1="{_sy(0):.1f}" x2="{W - RIGHT}" y2="{_sy(0):.1f}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{_sy(0):.1f}" x2="{LEFT}" y2="{_sy(1):.1f}" stroke="#333"/>',
        f'<text x="{(LEFT + W - RIGHT) / 2:.1f}" y="{H - 8}" text-anchor="middle">'
        f"{escape(xlabel)}</text>",
        f'<text x="14" y="{(TOP + H - BOTTOM) / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + H - BOTTOM) / 2:.1f})">{escape(ylabel)}</text>',
        *body,
        "</svg>",
    ]
    return "\n".join(parts)


def _legend(items: Sequence[tuple[str, str, str | None, str]]) -> list[str]:
    """(label, colour, dash, marker) rows at the right of the plot."""
    out = []
    x0 = W - RIGHT + 12
    for k, (label, colour, dash, shape) in enumerate(items):
        y = TOP + 10 + k * 18
        if dash is not None:
            out.append(f'<line x1="{x0}" y1="{y}" x2="{x0 + 22}" y2="{y}" stroke="{colour}" '
                       f'stroke-width="2" stroke-dasharray="{dash}"/>')
        out.append(marker(shape, x0 + 11, y, colour, 3.5))
        out.append(f'<text x="{x0 + 28}" y="{y + 4}">{escape(_short(label))}</text>')
    return out


LABEL = 26
"""Legend labels longer than this many characters are cut, with an ellipsis (the legend column
is RIGHT pixels wide: "offer by European allies" fits whole)."""


def _short(label: str) -> str:
    return label if len(label) <= LABEL else label[:LABEL - 1] + "\u2026"


def utility_chart(series: Sequence[Series], xlabels: Sequence[str], title: str) -> str:
    """Each party's utility for each offer in order, with its reservation value dotted."""
    n = max(len(xlabels), 1)
    lo, hi = 1.0, float(max(n, 2))
    body: list[str] = []
    legend = []
    for k, s in enumerate(series):
        colour, dash, shape = COLOURS[k % 7], DASHES[k % 7], MARKERS[k % 7]
        if s.reference is not None:
            y = _sy(s.reference)
            body.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" '
                        f'stroke="{colour}" stroke-dasharray="1 4" stroke-width="1.5"/>')
        pts = [(_sx(i + 1, lo, hi), _sy(v)) for i, v in enumerate(s.values) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                        f'stroke-width="2" stroke-dasharray="{dash}"/>')
        body += [marker(shape, x, y, colour) for x, y in pts]
        legend.append((s.name, colour, dash, shape))
    legend.append(("dotted: reservation value", "#666", "1 4", "none"))
    step = max(1, n // 12)
    ticks = [(_sx(i + 1, lo, hi), xlabels[i]) for i in range(0, len(xlabels), step)]
    return _frame(title, "offers in order (round.offer number)", "utility (0-1)",
                  body + _legend(legend), ticks)


def tag_place(x: float, y: float, width: float, placed: list[tuple[float, float, float]]
              ) -> tuple[float, float]:
    """Where a dot's tag goes: beside the dot, moved up a line at a time (then down) until it
    overlaps no tag already drawn; the place is added to `placed`."""
    def clash(ty: float) -> bool:
        return any(abs(ty - py) < 13 and x < px + pw and px < x + width for px, py, pw in placed)

    for step in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5):
        ty = y + 13 * step
        if not clash(ty):
            placed.append((x, ty, width))
            return x, ty
    placed.append((x, y, width))
    return x, y


def scatter_chart(dots: Sequence[Dot], xlabel: str, ylabel: str, title: str,
                  frontier_group: str = "Pareto frontier") -> str:
    """Packages on two utility axes: the frontier as a line, offers and deals as markers."""
    body: list[str] = []
    groups: list[str] = []
    for d in dots:
        if d.group not in groups:
            groups.append(d.group)
    legend: list[tuple[str, str, str | None, str]] = []
    placed: list[tuple[float, float, float]] = []  # tags drawn so far: x, y, width
    for k, g in enumerate(groups):
        members = [d for d in dots if d.group == g]
        if g == frontier_group:
            colour, shape, dash = "#555555", "circle", "4 3"
            line = sorted(members, key=lambda d: (d.x, -d.y))
            if len(line) > 1:
                path = " ".join(f"{_sx(d.x, 0, 1):.1f},{_sy(d.y):.1f}" for d in line)
                body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                            f'stroke-dasharray="{dash}"/>')
        elif g.startswith("final deal"):
            colour, shape, dash = "#000000", "star", None
        elif g == "Nash point":
            colour, shape, dash = "#e377c2", "diamond", None
        else:
            colour, shape, dash = COLOURS[k % 7], OFFER_MARKERS[k % 4], None
        for d in members:
            x, y = _sx(d.x, 0, 1), _sy(d.y)
            tag = ""
            if d.tag:
                tx, ty = tag_place(x + 9, y - 6, 7.0 * len(d.tag), placed)
                tag = f'<text x="{tx:.1f}" y="{ty:.1f}" font-size="12">{escape(d.tag)}</text>'
            body.append(
                f"<g><title>{escape(d.label)}</title>"
                + marker(shape, x, y, colour, 3.5 if dash else 5) + tag + "</g>"
            )
        legend.append((g, colour, dash, shape))
    ticks = [(_sx(v / 5, 0, 1), f"{v / 5:.1f}") for v in range(6)]
    return _frame(title, xlabel, ylabel, body + _legend(legend), ticks)
