"""Property tests: the fast analysis against plain brute-force enumeration on random small
scenarios with random red lines (same counts, frontier, Nash product, conflicts, extremes)."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.analysis import analyze
from game.engine.analysis import counting as analysis_count
from game.engine.analysis.plan import compile_plan
from game.engine.scoring import feasible, score_all
from game.engine.situation import Package, Situation, situation_at
from game.scenario.models import Scenario

ROUND = 9  # digits kept when comparing utility vectors, so float summation order does not matter


@dataclass(frozen=True)
class Brute:
    outcomes: int
    feasible: int
    zopa: int
    frontier: frozenset[tuple[float, ...]]
    nash_product: float | None
    conflicts: frozenset[frozenset[str]]


def packages(situation: Situation) -> list[Package]:
    return list(itertools.product(*(range(len(o)) for o in situation.option_ids)))


def _vec(situation: Situation, pkg: Package) -> tuple[float, ...]:
    return tuple(round(p.utility(pkg), ROUND) for p in situation.table)


def brute(situation: Situation) -> Brute:
    all_pkgs = packages(situation)
    ok = [p for p in all_pkgs if feasible(situation, p)]
    zopa = sum(1 for p in ok if all(s.acceptable for s in score_all(situation, p).values()))
    vecs = {_vec(situation, p) for p in ok}
    front = frozenset(
        v for v in vecs
        if not any(w != v and all(a >= b for a, b in zip(w, v, strict=True)) for w in vecs)
    )
    res = [p.reservation for p in situation.table]
    products = [
        _prod([u - r for u, r in zip(v, res, strict=True)])
        for v in vecs if all(u - r > 1e-9 for u, r in zip(v, res, strict=True))
    ]
    return Brute(
        outcomes=len(all_pkgs),
        feasible=len(ok),
        zopa=zopa,
        frontier=front,
        nash_product=max(products) if products else None,
        conflicts=_conflicts(situation, all_pkgs),
    )


def _prod(xs: list[float]) -> float:
    out = 1.0
    for x in xs:
        out *= x
    return out


def _conflicts(situation: Situation, all_pkgs: list[Package]) -> frozenset[frozenset[str]]:
    rules = [r for p in situation.table for r in p.rules]
    unsat: list[frozenset[int]] = []
    for size in range(1, len(rules) + 1):
        for combo in itertools.combinations(range(len(rules)), size):
            group = frozenset(combo)
            if any(u <= group for u in unsat):
                continue
            if not any(all(not rules[k].broken_by(p) for k in combo) for p in all_pkgs):
                unsat.append(group)
    return frozenset(
        frozenset(rules[k].id for k in g) for g in unsat if len({rules[k].party for k in g}) > 1
    )


# --- random scenarios ------------------------------------------------------------------------

SRC = ["S1"]


def _scenario(data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(data)


@st.composite
def situations(draw: st.DrawFn, max_issues: int = 4, max_options: int = 4,
               decimals: bool = False) -> Situation:
    """A random scenario: 1-4 issues of 2-4 options, 2-4 parties, 0-6 random red lines.
    With decimals, weights, values and reservation values are decimals with up to 8 places
    (no small common denominator, and values that differ in the last place)."""
    n_issues = draw(st.integers(1, max_issues))
    sizes = [draw(st.integers(2, max_options)) for _ in range(n_issues)]
    issues = [
        {"id": f"i{i}", "title": f"Issue {i}", "sources": SRC,
         "options": [{"id": f"o{o}", "label": f"O{o}", "sources": SRC} for o in range(n)]}
        for i, n in enumerate(sizes)
    ]
    n_parties = draw(st.integers(2, 4))
    places = draw(st.integers(0, 8)) if decimals else 0
    unit = 10**places
    values = (st.integers(0, 100 * unit).map(lambda m: m / unit) if decimals
              else st.integers(0, 10).map(lambda v: v * 10))

    def cond() -> dict[str, Any]:
        i = draw(st.integers(0, n_issues - 1))
        opts = draw(st.sets(st.integers(0, sizes[i] - 1), min_size=1, max_size=sizes[i]))
        return {"issue": f"i{i}", "options": [f"o{o}" for o in sorted(opts)]}

    parties = []
    rule_no = 0
    for p in range(n_parties):
        weight = (st.integers(0, 5 * unit).map(lambda m: m / unit) if decimals
                  else st.integers(0, 5))
        weights = [draw(weight) for _ in range(n_issues)]
        if not any(weights):
            weights[0] = 1
        red_lines = []
        for _ in range(draw(st.integers(0, 2))):
            form = draw(st.sampled_from(["forbid", "require", "when"]))
            line: dict[str, Any] = {"id": f"r{rule_no}", "text": f"Line {rule_no}",
                                    "sources": SRC}
            if form == "when":
                line["when"], line["then"] = cond(), cond()
            else:
                line[form] = cond()
            red_lines.append(line)
            rule_no += 1
        parties.append({
            "id": f"p{p}", "name": f"Party {p}", "brief": "b", "sources": SRC,
            "weights": {f"i{i}": w for i, w in enumerate(weights)},
            "values": {f"i{i}": {f"o{o}": draw(values) for o in range(n)}
                       for i, n in enumerate(sizes)},
            # A grid of 0.05 makes ties between a utility and a reservation value common.
            "reservation": (draw(st.integers(0, unit)) / unit if decimals
                            else draw(st.integers(0, 14)) * 0.05),
            "red_lines": red_lines,
            "at_table": p < 2 or draw(st.booleans()),
        })
    data = {
        "id": "random", "title": "Random", "period": "now", "summary": "s",
        "sources": [{"id": "S1", "title": "t", "date": "d", "kind": "news", "perspective": "p"}],
        "issues": issues, "parties": parties,
        "rounds": [{"id": "r1", "title": "R", "date": "d",
                    "briefing": [{"text": "x", "sources": SRC}]}],
        "roles": ["p0"],
    }
    return situation_at(_scenario(data), 1)


# Modest by default to keep the suite fast; ANALYSIS_EXAMPLES=2000 for a deep run.
FAST = settings(max_examples=int(os.environ.get("ANALYSIS_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(situations())
def test_counts_match_brute_force(situation: Situation) -> None:
    a, b = analyze(situation), brute(situation)
    assert (a.outcomes, a.feasible, a.zopa) == (b.outcomes, b.feasible, b.zopa)
    assert a.exact


@FAST
@given(situations())
def test_frontier_matches_brute_force(situation: Situation) -> None:
    a, b = analyze(situation), brute(situation)
    got = {tuple(round(pt.utilities[p], ROUND) for p in a.parties) for pt in a.pareto}
    assert got == b.frontier
    assert len(a.pareto) == len(b.frontier)  # one package per distinct utility vector
    for pt in a.pareto:
        assert feasible(situation, pt.package)
        for pid, s in score_all(situation, pt.package).items():
            assert abs(s.utility - pt.utilities[pid]) < 1e-9


@FAST
@given(situations())
def test_nash_matches_brute_force(situation: Situation) -> None:
    a, b = analyze(situation), brute(situation)
    if b.nash_product is None:
        assert a.nash is None and a.nash_product is None
        return
    assert a.nash is not None and a.nash_product is not None
    assert abs(a.nash_product - b.nash_product) < 1e-9
    assert a.nash in a.pareto


@FAST
@given(situations())
def test_conflicts_match_brute_force(situation: Situation) -> None:
    a, b = analyze(situation), brute(situation)
    assert a.conflicts_complete
    assert {frozenset(c.ids) for c in a.conflicts} == b.conflicts
    for c in a.conflicts:
        assert len(c.parties) > 1
        assert all(r.id in c.explanation for r in c.rules)


@FAST
@given(situations())
def test_best_and_worst_match_brute_force(situation: Situation) -> None:
    a = analyze(situation)
    ok = [p for p in packages(situation) if feasible(situation, p)]
    if not ok:
        assert not a.best and not a.worst and not a.pareto
        assert a.reasons  # an empty zone always comes with a reason
        return
    for party in situation.table:
        utils = [party.utility(p) for p in ok]
        assert abs(a.best[party.id].utilities[party.id] - max(utils)) < 1e-9
        assert abs(a.worst[party.id].utilities[party.id] - min(utils)) < 1e-9
        assert feasible(situation, a.worst[party.id].package)


@FAST
@given(situations(), st.data())
def test_pareto_optimality_of_any_package(situation: Situation, data: st.DataObject) -> None:
    a, b = analyze(situation), brute(situation)
    pkg = tuple(data.draw(st.integers(0, len(o) - 1)) for o in situation.option_ids)
    on_front = feasible(situation, pkg) and _vec(situation, pkg) in b.frontier
    listed = {tuple(round(pt.utilities[p], ROUND) for p in a.parties) for pt in a.pareto}
    assert on_front == (feasible(situation, pkg) and _vec(situation, pkg) in listed)
    if feasible(situation, pkg):
        assert bool(a.improvements(pkg)) == (not on_front)


@FAST
@given(situations())
def test_empty_zone_is_explained(situation: Situation) -> None:
    a = analyze(situation)
    assert bool(a.reasons) == (a.zopa == 0)
    json = a.to_json()
    assert json["zopa"] == a.zopa and len(json["pareto"]) == len(a.pareto)


@settings(max_examples=15, deadline=None)
@given(situations(max_issues=5, max_options=4))
def test_estimated_zone_is_labelled_and_close(situation: Situation) -> None:
    """With no room for the exact count, the zone is sampled, labelled, and near the truth."""
    plan = compile_plan(situation)
    tabs = analysis_count.tables(plan)
    truth = brute(situation).zopa
    if tabs.feasible == 0:
        return
    assert analysis_count.zopa_exact(plan, tabs, cap=0) in (None, truth)
    estimate = analysis_count.zopa_estimate(plan, tabs, floor=0)
    assert abs(estimate - truth) <= 0.05 * tabs.feasible + 1


@FAST
@given(situations(max_issues=5))
def test_zone_count_by_branch_and_bound(situation: Situation) -> None:
    """Small spaces are counted in one broadcast; force the issue-by-issue path as well."""
    plan = compile_plan(situation)
    tabs = analysis_count.tables(plan)
    truth = brute(situation).zopa
    saved = analysis_count.DIRECT
    try:
        analysis_count.DIRECT = 0
        assert analysis_count.zopa_exact(plan, tabs) == truth
    finally:
        analysis_count.DIRECT = saved
    assert analysis_count.zopa_exact(plan, tabs) == truth


@settings(max_examples=20, deadline=None)
@given(situations())
def test_analysis_is_deterministic(situation: Situation) -> None:
    """Two situations built alike (so no shared cache) analyse alike."""
    twin = situation_at(situation.scenario, situation.round)
    assert analyze(situation).to_json() == analyze(twin).to_json()
