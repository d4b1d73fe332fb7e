"""A text scatter of offers on the two axes that matter for a seat: what each offer gave the
student (across) against what it gave the others on average (up). Legible at 80 columns: the
plot is drawn in plain characters, each offer marked by its number (a `+` where several meet),
and the axes say what they are."""

from __future__ import annotations

from collections.abc import Sequence


def offer_scatter(points: Sequence[tuple[str, float, float]], width: int = 40,
                  height: int = 10) -> list[str]:
    """`points`: (mark, x, y) with x and y in 0-1. The plot's lines, top row first."""
    grid = [[" "] * width for _ in range(height)]
    met: dict[tuple[int, int], list[str]] = {}
    for mark, x, y in points:
        col = min(width - 1, max(0, round(x * (width - 1))))
        line = min(height - 1, max(0, round((1 - y) * (height - 1))))
        grid[line][col] = mark[-1] if grid[line][col] == " " else "+"
        met.setdefault((line, col), []).append(mark)
    lines = []
    for k, cells in enumerate(grid):
        label = "1.0 ┤" if k == 0 else ("0.0 ┤" if k == height - 1 else "    │")
        lines.append(label + "".join(cells))
    lines.append("    └" + "─" * width)
    lines.append("     0" + " " * (width - 8) + "you 1")
    # a + hides which offers met there: name them, so no offer is lost from the picture
    for (line, col), marks in sorted(met.items()):
        if len(marks) > 1:
            x, y = col / max(1, width - 1), 1 - line / max(1, height - 1)
            lines.append(f"     + near you {x:.2f}, others {y:.2f}: offers {', '.join(marks)}")
    return lines


def seat_scatter(d: object, width: int = 40) -> list[str]:
    """The debrief's offers: the seat's utility (its parties' mean) across, the others' mean
    up; the last digit of each offer's number marks it."""
    mine = list(getattr(d, "role_parties", []))
    points = []
    for o in getattr(d, "offers", []):
        own = [o.utilities[p] for p in mine if p in o.utilities]
        others = [u for p, u in o.utilities.items() if p not in mine]
        if own and others:
            points.append((str(o.offer or o.seq), sum(own) / len(own),
                           sum(others) / len(others)))
    if not points:
        return []
    return ["the others' mean ↑", *offer_scatter(points, width)]
