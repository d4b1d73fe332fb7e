"""`analyze`: the whole analysis of one situation, assembled from the plan, the counts, the
frontier and the reasons for no deal.

Every comparison is made on exact integer utilities (`units`); the utilities reported are the
floats `scoring` computes, so that `score` and `analyze` always print the same numbers.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from game.engine.analysis import counting as count
from game.engine.analysis.frontier import frontier
from game.engine.analysis.no_deal import conflicts, reservation_notes
from game.engine.analysis.plan import Plan, compile_plan
from game.engine.analysis.result import Analysis, Point, utilities
from game.engine.situation import Situation


def analyze(situation: Situation) -> Analysis:
    """The whole analysis of one situation (pure; the same input gives the same output).

    Kept in the situation's own memo: the many games that share a situation share its analysis,
    and it goes when the situation goes."""
    hit = situation.memo.get("analysis")
    if isinstance(hit, Analysis):
        return hit
    result = _analyze(situation)
    situation.memo["analysis"] = result
    return result


def _analyze(situation: Situation) -> Analysis:
    plan = compile_plan(situation)
    tabs = count.tables(plan)
    units, pkgs = frontier(plan)
    # Highest total first (exact: one scale for every party), then by package.
    order = np.lexsort((*(pkgs[:, j] for j in reversed(range(pkgs.shape[1]))), -units.sum(1)))
    units, pkgs = units[order], pkgs[order]
    points = _points(situation, pkgs)
    ok_units: np.ndarray = np.asarray((units >= plan.need).all(axis=1))
    zopa = count.zopa_exact(plan, tabs) if tabs.feasible else 0
    exact = zopa is not None
    if zopa is None:
        zopa = count.zopa_estimate(plan, tabs, floor=int(ok_units.sum()))
    deal_order, nash_i = _deal_order(plan, units, ok_units)
    nash_product = None
    if nash_i is not None:  # from the reported utilities, so that it matches `score` exactly
        nash_product = math.prod(points[nash_i].utilities[p.id] - p.reservation
                                 for p in situation.table)
    best, worst = _extremes(situation, plan, tabs, units, points)
    # If every red line can hold at once, no subset of them can conflict.
    multi, own, complete = conflicts(situation) if not tabs.feasible else ([], [], True)
    notes = [] if zopa or not tabs.feasible else reservation_notes(situation, plan, units)
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
        conflicts=tuple(multi),
        own_conflicts=tuple(own),
        conflicts_complete=complete,
        reservation_notes=tuple(notes),
        deal_order=deal_order,
    )


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


def _deal_order(plan: Plan, units: np.ndarray, ok: np.ndarray
                ) -> tuple[tuple[int, ...], int | None]:
    """Frontier rows acceptable to all, ordered: those that give every party a gain first, then
    by decreasing product of gains over reservation values, then frontier order; and the Nash
    point (the first, if it gives every party a gain).

    Products are ranked in floats, whose error here stays below 1e-14 (gains lie in [-1, 1]);
    products closer than NEAR are ranked again in exact fractions, so no rounding reorders them."""
    if plan.parties == 0 or not ok.any():
        return (), None
    rows = np.flatnonzero(ok)
    sub = units[rows]
    gains: np.ndarray = np.asarray((sub > plan.above).all(axis=1))
    res = plan.units.reservation  # exact, in units
    if plan.dtype == object or plan.scale > 1 << 60:  # too large to divide as floats
        utils = np.array([[float(Fraction(u, plan.scale)) for u in vec] for vec in sub.tolist()])
    else:
        utils = sub.astype(np.float64) / float(plan.scale)
    products = np.prod(utils - np.array([float(r / plan.scale) for r in res]), axis=1)
    order = np.lexsort((rows, -products, ~gains))
    ranked = rows[order].tolist()
    keyed = list(zip((~gains[order]).tolist(), products[order].tolist(), ranked, strict=True))
    start = 0
    for end in range(1, len(keyed) + 1):  # runs of near-equal products: rank them exactly
        if end < len(keyed) and keyed[end][0] == keyed[end - 1][0] \
                and keyed[end - 1][1] - keyed[end][1] <= NEAR:
            continue
        if end - start > 1:
            ranked[start:end] = sorted(ranked[start:end],
                                       key=lambda r: (-_exact_product(units[r], res), r))
        start = end
    nash = ranked[0] if gains.any() else None
    return tuple(ranked), nash


NEAR = 1e-12
"""Float products of gains closer than this are compared again exactly."""


def _exact_product(vec: np.ndarray, res: tuple[Fraction, ...]) -> Fraction:
    gains = (int(u) - r for u, r in zip(vec.tolist(), res, strict=True))
    return math.prod(gains, start=Fraction(1))


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
