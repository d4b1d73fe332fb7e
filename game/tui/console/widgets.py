"""The console's panes. Each draws from the server's overview (`GET /api/console`, see
`game.server.console_api.overview`): the list of tables, the selected table in detail, and every
finished table's outcome on one frontier chart. The text is built by plain functions, so it can
be checked without a screen."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable, Static

from game.tui.safe import esc
from game.tui.scatter import offer_scatter

TABLE_COLUMNS = ("table", "status", "round", "clock", "seats", "waiting", "offers", "moves")
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
"""Marks of the tables on the chart, by their place in the list (digits mark the frontier)."""


def status(t: dict[str, Any], ended: bool = False) -> str:
    if t.get("finished"):
        return "deal" if t.get("agreement") else "no deal"
    if ended:
        return "ended"
    if not t.get("started"):
        return "waiting"
    return "paused" if t.get("paused") else "playing"


def clock(t: dict[str, Any]) -> str:
    """The round clock when the server keeps one (minutes:seconds left), else a dash."""
    value = t.get("clock")
    if isinstance(value, dict):  # the host's round clock: {"minutes", "round", "seconds_left"}
        value = value.get("seconds_left")
    if isinstance(value, int | float):
        left = max(0, int(value))
        return f"{left // 60}:{left % 60:02d}"
    return "-" if value is None else str(value)


def seat_line(t: dict[str, Any]) -> str:
    """Each seat and who holds it: a student's name (* when connected), `computer`, or `-`
    while free."""
    parts = []
    taken, online = t.get("taken", {}), set(t.get("online", []))
    computer = set(t.get("computer", []))
    humans = set(t.get("humans", []))
    for seat in t.get("seats", []):
        if seat in taken:
            who = taken[seat] + ("*" if seat in online else "")
        elif seat in computer or (t.get("started") and seat not in humans):
            who = "computer"
        else:
            who = "-"
        parts.append(f"{seat}: {who}")
    return ", ".join(parts)


def has_clock(overview: dict[str, Any]) -> bool:
    """Whether the server keeps a round clock (an older one, or a table without, has none)."""
    return any(t.get("clock") is not None for t in overview.get("tables", []))


def columns(with_clock: bool) -> tuple[str, ...]:
    return TABLE_COLUMNS if with_clock else tuple(c for c in TABLE_COLUMNS if c != "clock")


def table_row(t: dict[str, Any], ended: bool = False, with_clock: bool = True
              ) -> tuple[str, ...]:
    rnd = f"{t.get('round', 0)}/{t.get('rounds', '?')}" if t.get("started") else "-"
    moves = sum(t.get("moves_by_seat", {}).values())
    row = (t["code"], status(t, ended), rnd, clock(t), seat_line(t),
           ", ".join(t.get("waiting", [])) or "-", str(len(t.get("offers", []))), str(moves))
    return row if with_clock else row[:3] + row[4:]


def detail_text(t: dict[str, Any] | None, ended: bool = False) -> str:
    """The selected table: its seats, who the round waits for, and the offers on the table
    (Rich markup; every name and package escaped)."""
    if t is None:
        return "No table selected."
    lines = [f"[b]Table {esc(t['code'])}[/b] · {esc(t.get('scenario', ''))} · "
             f"{status(t, ended)}"
             + (f" · round {t.get('round')}/{t.get('rounds')}" if t.get("started") else "")
             + (f" · clock {clock(t)}" if t.get("clock") is not None else "")]
    lines.append("Seats: " + esc(seat_line(t)))
    waiting = t.get("waiting", [])
    if waiting:
        lines.append(("Waiting for: " if t.get("started") else "Seats free: ")
                     + esc(", ".join(waiting)))
    if t.get("ended_round"):
        lines.append("Ended the round: " + esc(", ".join(t["ended_round"])))
    offers = t.get("offers", [])
    if offers:
        lines.append("On the table:")
        for o in offers:
            package = ", ".join(f"{i}={v}" for i, v in o.get("package", {}).items())
            lines.append(f"  #{o['id']} {esc(o['by'])} ({esc(o.get('kind', 'offer'))}): "
                         f"{esc(package)}")
    elif t.get("started") and not t.get("finished"):
        lines.append("No offer on the table this round.")
    if t.get("finished"):
        deal = t.get("deal")
        lines.append("Deal: " + (esc(", ".join(f"{i}={v}" for i, v in deal.items()))
                                 if deal else "none (each party falls back on its "
                                 "reservation value)"))
    return "\n".join(lines)


def chart_lines(overview: dict[str, Any], width: int = 40, height: int = 10) -> list[str]:
    """Every finished table's outcome against the Pareto frontier, per scenario: across what
    the first party gets, up the others' mean; a table is marked by its letter (a `+` where
    several meet), a frontier package by `.` where no table's mark is."""
    tables = overview.get("tables", [])
    out: list[str] = []
    for sid, axes in overview.get("frontiers", {}).items():
        points: list[tuple[str, float, float]] = []
        marked = []
        for k, t in enumerate(tables):
            if t.get("scenario") == sid and t.get("point"):
                mark = LETTERS[k % len(LETTERS)]
                points.append((mark, *t["point"]))
                marked.append(f"{mark} {t['code']}" + ("" if t.get("agreement") else
                                                       " (no deal)"))
        if not marked:
            out.append(f"{sid}: no table has finished yet.")
            continue
        others = ", ".join(axes["y"])
        out.append(f"{sid}: up, the mean of {others}")
        lines = offer_scatter(points, width, height)
        for x, y in axes["points"]:  # the frontier where no table's mark is
            col = 5 + min(width - 1, max(0, round(x * (width - 1))))
            line = min(height - 1, max(0, round((1 - y) * (height - 1))))
            if lines[line][col] == " ":
                lines[line] = lines[line][:col] + "." + lines[line][col + 1:]
        lines[-1] = "     0" + " " * max(1, width - 6 - len(axes["x"])) + f"{axes['x']} 1"
        out += lines
        if not axes["points"]:
            out.append("(no package clears every red line: no frontier to draw)")
        out.append("; ".join(marked))
    return out


class TablesTable(DataTable[str]):
    """One row per table; the cursor picks the table the keys act on."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.with_clock: bool | None = None

    def show(self, overview: dict[str, Any]) -> None:
        row = self.cursor_row
        with_clock = has_clock(overview)
        self.clear(columns=with_clock != self.with_clock)
        if with_clock != self.with_clock:
            self.add_columns(*columns(with_clock))
            self.with_clock = with_clock
        for t in overview.get("tables", []):
            cells = table_row(t, overview.get("ended", False), with_clock)
            self.add_row(*(esc(c) for c in cells), key=t["code"])
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1))


class TableDetail(Static):
    """The selected table in full."""


class FrontierChart(Static):
    """The class's outcomes on one frontier chart (text)."""

    def show(self, overview: dict[str, Any]) -> None:
        from textual.widget import Widget

        pane = self.parent.size if isinstance(self.parent, Widget) else self.size
        width = max(20, min(60, pane.width - 8)) if pane.width else 40
        height = max(5, min(14, pane.height - 4)) if pane.height else 8
        self.update(esc("\n".join(chart_lines(overview, width, height))))
