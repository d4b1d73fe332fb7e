"""The outcome space of a situation: its size, the feasible packages, the zone of possible
agreement, the Pareto frontier, the Nash point, each party's best and worst feasible package,
and why no deal exists when none does. Numbers mean exactly what the design notes say.

`analyze` is pure and deterministic. It never lists the outcome space: red lines become a small
state machine (`analysis_plan`), the frontier is merged issue by issue (`analysis_frontier`),
counts come from dynamic programming (`analysis_count`). Counts that would need too much work
are estimated by sampling, and `Analysis.exact` is then False.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from game.engine import analysis_count as count
from game.engine.analysis_conflicts import conflict_text, fmt, minimal_conflicts, possessive
from game.engine.analysis_frontier import frontier
from game.engine.analysis_plan import Plan, compile_plan
from game.engine.situation import Package, Rule, Situation

EPS = 1e-9
"""Utilities closer than this are treated as equal when comparing with outside figures."""


class Point(NamedTuple):
    """A package with its utility for every party at the table (a tuple: cheap by the thousand)."""

    package: Package
    utilities: Mapping[str, float]

    def dominates(self, other: Mapping[str, float]) -> bool:
        """At least as good for every party and better for one (within EPS)."""
        ge = all(self.utilities[p] >= other[p] - EPS for p in self.utilities)
        return ge and any(self.utilities[p] > other[p] + EPS for p in self.utilities)


@dataclass(frozen=True)
class Conflict:
    """Red lines of different parties that no package can satisfy together (a minimal set)."""

    rules: tuple[Rule, ...]
    explanation: str

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rules]

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.party for r in self.rules))


@dataclass(frozen=True)
class Analysis:
    """Everything `redlines analyze` reports, as of one round."""

    situation: Situation
    outcomes: int
    feasible: int
    zopa: int
    exact: bool  # False when `zopa` is a sampled estimate
    parties: tuple[str, ...]
    pareto: tuple[Point, ...]  # one package per distinct utility vector, highest total first
    nash: Point | None
    nash_product: float | None
    best: Mapping[str, Point]  # each party's favourite feasible package (one on the frontier)
    worst: Mapping[str, Point]  # the feasible package worst for each party
    conflicts: tuple[Conflict, ...]
    own_conflicts: tuple[Conflict, ...]  # a single party's red lines contradicting each other
    conflicts_complete: bool
    reservation_notes: tuple[str, ...]  # why the zone is empty when red lines are not the cause

    @property
    def reasons(self) -> list[str]:
        """Plain-words reasons why no deal is possible (empty when the zone is not empty)."""
        if self.zopa:
            return []
        return [c.explanation for c in (*self.own_conflicts, *self.conflicts)] + list(
            self.reservation_notes
        )

    def is_pareto_optimal(self, package: Package) -> bool:
        """Feasible, and no feasible package is better for one party and worse for none."""
        from game.engine.scoring import feasible

        if not feasible(self.situation, package):
            return False
        utils = utilities(self.situation, package)
        return not any(p.dominates(utils) for p in self.pareto)

    def improvements(self, package: Package) -> list[Point]:
        """Frontier packages better for some party and worse for none (for the debrief)."""
        utils = utilities(self.situation, package)
        return [p for p in self.pareto if p.dominates(utils)]

    def deals(self, limit: int | None = None) -> list[Point]:
        """Frontier packages acceptable to every party at the table, best Nash product first."""
        res = {p: self.situation.parties[p].reservation for p in self.parties}
        ok = [pt for pt in self.pareto if all(pt.utilities[p] >= res[p] - EPS for p in res)]
        ok.sort(key=lambda pt: -_product(pt.utilities, res))
        return ok[:limit] if limit is not None else ok

    def best_for(self, party: str, acceptable_to: Sequence[str] = ()) -> Point | None:
        """The feasible package best for `party` among those the others named would accept."""
        res = {p: self.situation.parties[p].reservation for p in acceptable_to}
        ok = [pt for pt in self.pareto if all(pt.utilities[p] >= r - EPS for p, r in res.items())]
        return max(ok, key=lambda pt: (pt.utilities[party], sum(pt.utilities.values())),
                   default=None)

    def point_json(self, point: Point) -> dict[str, object]:
        return {"package": self.situation.named(point.package), "utilities": dict(point.utilities)}

    def to_json(self) -> dict[str, object]:
        """The `analyze --json` contract of the design notes, plus explanations."""
        pj = self.point_json
        return {
            "scenario": self.situation.scenario.id,
            "round": self.situation.round,
            "outcomes": self.outcomes,
            "feasible": self.feasible,
            "zopa": self.zopa,
            "exact": self.exact,
            "parties": list(self.parties),
            "pareto": [pj(p) for p in self.pareto],
            "nash": pj(self.nash) if self.nash else None,
            "nash_product": self.nash_product,
            "best": {p: pj(pt) for p, pt in self.best.items()},
            "worst": {p: pj(pt) for p, pt in self.worst.items()},
            "conflicts": [c.ids for c in self.conflicts],
            "conflict_explanations": [c.explanation for c in self.conflicts],
            "own_conflicts": [c.ids for c in self.own_conflicts],
            "conflicts_complete": self.conflicts_complete,
            "reasons": self.reasons,
        }


def utilities(situation: Situation, package: Package) -> dict[str, float]:
    return {p.id: p.utility(package) for p in situation.table}


def _product(utils: Mapping[str, float], res: Mapping[str, float]) -> float:
    out = 1.0
    for p, r in res.items():
        out *= utils[p] - r
    return out


def _points(situation: Situation, pkgs: np.ndarray) -> list[Point]:
    """Frontier packages with utilities computed exactly as `scoring` does (floats)."""
    table = situation.table
    if not table:
        return [Point(tuple(pkg), {}) for pkg in pkgs.tolist()]
    cols = range(pkgs.shape[1])
    per_party = [
        sum(np.asarray(p.values[i])[pkgs[:, i]] * p.weights[i] for i in cols).tolist()
        for p in table
    ]
    return [
        Point(tuple(pkg), {p.id: per_party[k][row] for k, p in enumerate(table)})
        for row, pkg in enumerate(pkgs.tolist())
    ]


def _nash(plan: Plan, units: np.ndarray) -> tuple[int | None, float | None]:
    if len(units) == 0 or plan.parties == 0:
        return None, None
    ok = (units > plan.above).all(axis=1)
    if not ok.any():
        return None, None
    prod = np.prod((units - plan.reservation) / plan.scale, axis=1)
    prod[~ok] = -np.inf
    best = int(np.argmax(prod))
    return best, float(prod[best])


def analyze(situation: Situation) -> Analysis:
    """The whole analysis of one situation (pure; the same input gives the same output)."""
    plan = compile_plan(situation)
    tabs = count.tables(plan)
    units, pkgs = frontier(plan)
    order = np.lexsort((*(pkgs[:, j] for j in reversed(range(pkgs.shape[1]))), -units.sum(1)))
    units, pkgs = units[order], pkgs[order]
    points = _points(situation, pkgs)
    ok_units = (units >= plan.need).all(axis=1)
    zopa = count.zopa_exact(plan, tabs) if tabs.feasible else 0
    exact = zopa is not None
    if zopa is None:
        zopa = count.zopa_estimate(plan, tabs, floor=int(ok_units.sum()))
    nash_i, _ = _nash(plan, units)
    nash_product = None
    if nash_i is not None:  # from the reported utilities, so that it matches `score` exactly
        res = {p.id: p.reservation for p in situation.table}
        nash_product = _product(points[nash_i].utilities, res)
    best, worst = _extremes(situation, plan, tabs, units, points)
    # If every red line can hold at once, no subset of them can conflict.
    conflicts, own, complete = _conflicts(situation) if not tabs.feasible else ([], [], True)
    notes = [] if zopa or not tabs.feasible else _reservation_notes(situation, plan, units)
    return Analysis(
        situation=situation,
        outcomes=situation.outcomes,
        feasible=tabs.feasible,
        zopa=zopa,
        exact=exact,
        parties=situation.at_table,
        pareto=tuple(points),
        nash=points[nash_i] if nash_i is not None else None,
        nash_product=nash_product,
        best=best,
        worst=worst,
        conflicts=tuple(conflicts),
        own_conflicts=tuple(own),
        conflicts_complete=complete,
        reservation_notes=tuple(notes),
    )


def _extremes(situation: Situation, plan: Plan, tabs: count.Tables, units: np.ndarray,
              points: list[Point]) -> tuple[dict[str, Point], dict[str, Point]]:
    best: dict[str, Point] = {}
    worst: dict[str, Point] = {}
    if not points:
        return best, worst
    totals = units.sum(axis=1)
    for k, pid in enumerate(situation.at_table):
        top = np.flatnonzero(units[:, k] == units[:, k].max())
        best[pid] = points[int(top[np.argmax(totals[top])])]
        low = count.extreme_package(plan, tabs, k, lowest=True)
        assert low is not None
        worst[pid] = Point(low, utilities(situation, low))
    return best, worst


def _conflicts(situation: Situation) -> tuple[list[Conflict], list[Conflict], bool]:
    rules = [r for p in situation.table for r in p.rules]
    sizes = [len(o) for o in situation.option_ids]
    found, complete = minimal_conflicts(rules, sizes)
    multi: list[Conflict] = []
    own: list[Conflict] = []
    for idx in found:
        group = tuple(rules[k] for k in idx)
        target = multi if len({r.party for r in group}) > 1 else own
        target.append(Conflict(group, conflict_text(situation, group)))
    return multi, own, complete


def _best_under(situation: Situation, rules: list[Rule], party: int) -> float:
    plan = compile_plan(situation, rules)
    tabs = count.tables(plan)
    return float(tabs.high[0][0, party] / plan.scale[party]) if tabs.feasible else float("-inf")


def _reservation_notes(situation: Situation, plan: Plan, units: np.ndarray) -> list[str]:
    """Which reservation values no feasible package reaches, and whose red lines are the cause."""
    table = situation.table
    need = plan.need
    notes: list[str] = []
    top = units.max(axis=0)
    short = [k for k in range(len(table)) if top[k] < need[k]]
    for k in short:
        party = table[k]
        best, res = top[k] / plan.scale[k], party.reservation
        own_best = _best_under(situation, list(party.rules), k)
        if own_best < res - EPS:
            within = "Even within its own red lines, no" if party.rules else "No"
            notes.append(f"{within} package is worth more than {fmt(own_best)} to {party.name}, "
                         f"below its reservation value {fmt(res)}.")
            continue
        culprits = [
            q.name for q in table
            if q.id != party.id and q.rules
            and _best_under(situation, [*party.rules, *q.rules], k) < res - EPS
        ]
        whose = possessive(" and ".join(culprits)) if culprits else "the combined"
        notes.append(f"The best package {whose} red lines leave for {party.name} is worth "
                     f"{fmt(best)} to it, below its reservation value {fmt(res)}.")
    if short:
        return notes
    for a in range(len(table)):
        for b in range(a + 1, len(table)):
            for k, q in ((a, b), (b, a)):
                mask = units[:, q] >= need[q]
                best = units[mask, k].max() / plan.scale[k]
                if units[mask, k].max() < need[k]:
                    notes.append(
                        f"Among the packages worth at least {fmt(table[q].reservation)} to "
                        f"{table[q].name} (its reservation value), the best for {table[k].name} "
                        f"is worth {fmt(best)} to it, below its {fmt(table[k].reservation)}."
                    )
                    break
    if not notes:
        notes.append("Every two parties can be satisfied together, but no package reaches every "
                     "reservation value at once.")
    return notes
