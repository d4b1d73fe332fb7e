"""`redlines analyze PATH [--round N] [--json]`: the outcome space of a scenario as of a round —
sizes, zone of agreement, Pareto frontier, Nash point, and which red lines conflict."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.analysis import Analysis, Point
    from game.engine.analysis.conditional import IfFired
    from game.engine.situation import Situation

SHOWN = 20
"""Frontier rows printed in the table; --json always gives all of them."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="outcome space, zone of agreement, Pareto frontier, Nash "
                       "point and conflicting red lines of a scenario", description=__doc__)
    add_common(p)


def add_common(p: argparse.ArgumentParser) -> None:
    """Arguments `analyze` and `score` share."""
    p.add_argument("path", metavar="PATH", help="a scenario file, or the id of a bundled one")
    p.add_argument("--round", type=int, default=1, metavar="N",
                   help="as the events of rounds 1..N leave it (0 = opening state; default 1)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def load_situation(path: str, round_number: int) -> Situation | None:
    """The scenario at PATH as of a round, or None after printing why not (naming PATH)."""
    from game.commands.output import load_scenario
    from game.engine.situation import situation_at

    scenario = load_scenario(path)
    if scenario is None:
        return None
    last = len(scenario.rounds)
    if not 0 <= round_number <= last:
        print(f"{path}: --round {round_number}: this scenario has rounds 1 to {last} "
              "(0 for the opening state)", file=sys.stderr)
        return None
    return situation_at(scenario, round_number)


def run(args: argparse.Namespace) -> int:
    from game.engine.analysis import analyze
    from game.engine.analysis.conditional import if_fired

    situation = load_situation(args.path, args.round)
    if situation is None:
        return 1
    result = analyze(situation)
    rows = if_fired(situation.scenario, situation.round)
    if args.json:
        data = result.to_json()
        data["if_fired"] = [r.to_json() for r in rows]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print("\n".join(render(result) + render_if_fired(rows, result.zopa)))
    return 0


def render_if_fired(rows: list[IfFired], zopa: int) -> list[str]:
    """The events that happen only if play meets their condition, and the zone each leaves."""
    if not rows:
        return []
    out = ["", f"Events that depend on play (the figures above assume none happens; zone "
               f"without them: {zopa:,})"]
    for row in rows:
        change = "opens the zone" if row.zopa and not zopa else (
            "closes the zone" if zopa and not row.zopa else "zone")
        approx = "" if row.exact else " (estimate)"
        rounds = ", ".join(sorted({str(r) for r, _ in row.events}))
        if row.when:
            out.append(f"  - if {row.when}: {len(row.events)} event(s) of round {rounds} happen;"
                       f" {change} {row.zopa:,}{approx}")
        else:
            out.append(f"  - all of them together: {change} {row.zopa:,}{approx}")
    return out


def _table(rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    right = right or set()
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  " + "  ".join(cell.rjust(w) if c in right else cell.ljust(w)
                             for c, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in rows]


def _share(n: int, total: int) -> str:
    return f"{n:,} ({100 * n / total:.1f}%)" if total else f"{n:,}"


def render(a: Analysis) -> list[str]:
    """The analysis as readable text tables."""
    s = a.situation
    names = {p: s.parties[p].name for p in a.parties}
    title = s.scenario.rounds[s.round - 1].title if s.round else "opening state"
    out = [f"{s.scenario.title} - as of round {s.round} ({title})", ""]
    approx = "" if a.exact else "  (estimate, by sampling)"
    out += _table([
        ["Parties at the table",
         ", ".join(f"{names[p]} (reservation {s.parties[p].reservation:.2f})" for p in a.parties)],
        ["Outcome space", f"{a.outcomes:,} packages"],
        ["Feasible", _share(a.feasible, a.outcomes) + "  (break no red line)"],
        ["Zone of agreement",
         _share(a.zopa, a.outcomes) + "  (acceptable to every party)" + approx],
        ["Pareto frontier", f"{len(a.pareto):,} packages"],
    ])
    out += ["", "Pareto frontier" + (f" (first {SHOWN} of {len(a.pareto):,}; --json for all)"
                                      if len(a.pareto) > SHOWN else "")]
    out += _points(a, list(a.pareto[:SHOWN]), names) if a.pareto else ["  (no feasible package)"]
    if a.nash:
        out += ["", f"Nash point (product of gains over reservation values "
                    f"{a.nash_product:.4g})"] + _points(a, [a.nash], names)
    else:
        out += ["", "Nash point: none (no feasible package gives every party more than its "
                    "reservation value)"]
    if a.best:
        out += ["", "Best and worst feasible package for each party"]
        rows = [["party", "", *s.issue_ids, *(names[p] for p in a.parties)]]
        for p in a.parties:
            rows.append(_row(a, a.best[p], [names[p], "best"]))
            rows.append(_row(a, a.worst[p], ["", "worst"]))
        out += _table(rows)
    out += _why(a)
    return out


def _row(a: Analysis, pt: Point, head: list[str]) -> list[str]:
    named = a.situation.named(pt.package)
    return [*head, *named.values(), *(f"{pt.utilities[p]:.3f}" for p in a.parties)]


def _points(a: Analysis, points: list[Point], names: dict[str, str]) -> list[str]:
    from game.engine.scoring import at_least

    res = {p: a.situation.parties[p].reservation for p in a.parties}
    rows = [["#", *a.situation.issue_ids, *(names[p] for p in a.parties), "deal?"]]
    for k, pt in enumerate(points, 1):
        ok = all(at_least(pt.utilities[p], res[p]) for p in res)
        mark = "acceptable to all" if ok else ""
        if pt == a.nash and len(points) > 1:
            mark += " (Nash point)"
        rows.append(_row(a, pt, [str(k)]) + [mark.strip()])
    n_issues = len(a.situation.issue_ids)
    return _table(rows, right={0, *range(n_issues + 1, n_issues + 1 + len(a.parties))})


def _why(a: Analysis) -> list[str]:
    out: list[str] = []
    if a.conflicts or a.own_conflicts:
        out += ["", "Red lines that cannot all hold together"]
        out += [f"  - {c.explanation}" for c in (*a.own_conflicts, *a.conflicts)]
    if not a.conflicts_complete:
        out += ["  (too many red lines to check every combination: the list may be incomplete)"]
    if a.reservation_notes:
        out += ["", "Why the zone of agreement is empty"]
        out += [f"  - {n}" for n in a.reservation_notes]
    elif a.zopa == 0 and (a.conflicts or a.own_conflicts):
        out += ["", "The zone of agreement is empty: no package respects every red line."]
    return out
