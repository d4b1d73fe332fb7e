"""The analysis is exact for any authored decimals: checked against a brute force that computes
every utility as a Fraction of the authored numbers, and on the cases that used to fail."""

from __future__ import annotations

import itertools
import math
import os
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings

from game.engine import scoring
from game.engine.analysis import analyze, counting
from game.engine.analysis.plan import compile_plan
from game.engine.scoring import feasible, score_all
from game.engine.situation import Package, Situation, situation_at
from game.scenario.models import Scenario
from tests.test_analysis_props import situations

SRC = ["S1"]
TOL = Fraction(1, 10**9)  # the verdict policy's tolerance, written out independently


def scenario(parties: list[dict[str, Any]], n_issues: int = 1, n_options: int = 2,
             rounds: list[dict[str, Any]] | None = None) -> Scenario:
    issues = [{"id": f"i{i}", "title": f"Issue {i}", "sources": SRC,
               "options": [{"id": f"o{o}", "label": f"O{o}", "sources": SRC}
                           for o in range(n_options)]} for i in range(n_issues)]
    return Scenario.model_validate({
        "id": "exact", "title": "Exact", "period": "now", "summary": "s",
        "sources": [{"id": "S1", "title": "t", "date": "d", "kind": "news", "perspective": "p"}],
        "issues": issues,
        "parties": [{
            "id": f"p{k}", "name": f"Party {k}", "brief": "b", "sources": SRC,
            "weights": {f"i{i}": w for i, w in enumerate(p.get("weights", [1] * n_issues))},
            "values": {f"i{i}": {f"o{o}": v for o, v in enumerate(row)}
                       for i, row in enumerate(p["values"])},
            "reservation": p.get("reservation", 0.0), "red_lines": [],
        } for k, p in enumerate(parties)],
        "rounds": rounds or [{"id": "r1", "title": "R", "date": "d",
                              "briefing": [{"text": "x", "sources": SRC}]}],
        "roles": ["p0"],
    })


# --- brute force in exact fractions, from the scenario as authored ---------------------------

def exact_vector(situation: Situation, pkg: Package) -> tuple[Fraction, ...]:
    """Each party's utility as a Fraction of the numbers in the scenario (not PartyState)."""
    sc = situation.scenario
    out = []
    for pid in situation.at_table:
        party = next(p for p in sc.parties if p.id == pid)
        raw = [Fraction(str(party.weights[i])) for i in situation.issue_ids]
        total = sum(raw, Fraction(0))
        u = sum((w / total * Fraction(str(party.values[i][situation.option_ids[k][o]])) / 100
                 for k, (i, w, o) in enumerate(zip(situation.issue_ids, raw, pkg, strict=True))),
                Fraction(0))
        out.append(u)
    return tuple(out)


def reservations(situation: Situation) -> list[Fraction]:
    parties = {p.id: p for p in situation.scenario.parties}
    return [Fraction(str(parties[p].reservation)) for p in situation.at_table]


def brute(situation: Situation) -> tuple[set[tuple[Fraction, ...]], int, Fraction | None]:
    """(exact frontier vectors, zone count by the exact policy, best exact Nash product)."""
    pkgs = [p for p in itertools.product(*(range(len(o)) for o in situation.option_ids))
            if feasible(situation, p)]
    vecs = {p: exact_vector(situation, p) for p in pkgs}
    distinct = set(vecs.values())
    front = {v for v in distinct
             if not any(w != v and all(a >= b for a, b in zip(w, v, strict=True))
                        for w in distinct)}
    res = reservations(situation)
    zone = sum(1 for v in vecs.values() if all(u >= r - TOL for u, r in zip(v, res, strict=True)))
    products = [math.prod(u - r for u, r in zip(v, res, strict=True)) for v in distinct
                if all(u > r + TOL for u, r in zip(v, res, strict=True))]
    return front, zone, max(products, default=None)


EXACT = settings(max_examples=int(os.environ.get("ANALYSIS_EXAMPLES", "60")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@EXACT
@given(situations(decimals=True))
def test_arbitrary_decimals_match_exact_brute_force(situation: Situation) -> None:
    a = analyze(situation)
    front, zone, nash = brute(situation)
    got = [exact_vector(situation, pt.package) for pt in a.pareto]
    assert set(got) == front and len(got) == len(front)  # no point merged, none invented
    totals = [sum(v) for v in got]
    assert totals == sorted(totals, reverse=True)  # highest total first, exactly
    assert a.exact and a.zopa == zone
    assert len(a.deals()) == sum(
        1 for v in got if all(u >= r - TOL for u, r in zip(v, reservations(situation),
                                                               strict=True)))
    if nash is None:
        assert a.nash is None
    else:
        assert a.nash is not None
        res = reservations(situation)
        got_nash = math.prod(u - r for u, r in zip(exact_vector(situation, a.nash.package), res,
                                                   strict=True))
        assert got_nash == nash


def test_values_a_hundred_thousandth_apart_stay_two_frontier_points() -> None:
    """50.00001 and 50.00004 once fell into one unit of 1e-6: a frontier of 1 point, not 2."""
    sit = situation_at(scenario([{"values": [[50.00001, 50.00004]]},
                                 {"values": [[50.00004, 50.00001]]}]), 1)
    a = analyze(sit)
    assert len(a.pareto) == 2
    assert {pt.package for pt in a.pareto} == {(0,), (1,)}


def test_a_tiny_difference_decides_the_order_and_the_best_package() -> None:
    sit = situation_at(scenario([{"values": [[50.00001, 50.00004]]},
                                 {"values": [[50.00002, 50.00002]]}]), 1)
    a = analyze(sit)
    assert [pt.package for pt in a.pareto] == [(1,)]  # (0,) is dominated by 3e-7
    assert a.best["p0"].package == (1,) and a.worst["p0"].package == (0,)


def test_numbers_too_fine_for_int64_use_python_integers() -> None:
    """Weights and values with many decimals over co-prime totals overflow int64 units; the
    analysis then works in Python integers and stays exact."""
    weights = [[3.1415926535, 2.7182818284, 1.4142135623],
               [1.7320508075, 2.2360679774, 2.6457513110],
               [3.3166247903, 3.6055512754, 4.1231056256]]
    values = [[[12.3456789, 98.7654321], [55.5555555, 44.4444445], [70.0000001, 29.9999999]],
              [[98.7654321, 12.3456789], [44.4444445, 55.5555555], [29.9999999, 70.0000001]],
              [[50.0000001, 50.0000002], [33.3333333, 66.6666667], [10.1010101, 89.8989899]]]
    sit = situation_at(scenario([{"weights": w, "values": v, "reservation": 0.3}
                                 for w, v in zip(weights, values, strict=True)], n_issues=3), 1)
    assert compile_plan(sit).dtype == object
    a = analyze(sit)
    front, zone, nash = brute(sit)
    assert {exact_vector(sit, pt.package) for pt in a.pareto} == front
    assert a.zopa == zone and len(a.pareto) == len(front)
    assert (a.nash is None) == (nash is None)
    plan = compile_plan(sit)  # the sampled estimate runs on Python integers too
    assert counting.zopa_estimate(plan, counting.tables(plan), floor=0) == zone


def test_a_reservation_reached_through_float_rounding_is_met_everywhere() -> None:
    """0.3 shifted by 0.15 is 0.44999999999999996 in floats and 0.45 as authored: a package
    worth 0.45 is acceptable to `score`, to the analysis's zone and to its deals alike."""
    shift = [{"id": "r1", "title": "R", "date": "d", "briefing": [{"text": "x", "sources": SRC}],
              "events": [{"type": "shift_reservation", "party": "p0", "delta": 0.15,
                          "text": "x", "sources": SRC}]}]
    sit = situation_at(scenario([{"values": [[45, 100]], "reservation": 0.3},
                                 {"values": [[100, 0]], "reservation": 0.0}], rounds=shift), 1)
    assert sit.parties["p0"].reservation != 0.45  # the float drifted ...
    assert score_all(sit, (0,))["p0"].acceptable  # ... yet the verdict holds
    a = analyze(sit)
    assert a.zopa == 2 and len(a.deals()) == 2


def test_verdict_functions_share_one_tolerance() -> None:
    u, r = 0.44999999999999996, 0.45
    assert scoring.at_least(u, r) and not scoring.below(u, r) and scoring.same(u, r)
    assert not scoring.exceeds(u, r) and not scoring.exceeds(r, u)
    assert not scoring.at_least(0.4499, r) and scoring.below(0.4499, r)
    assert scoring.exceeds(0.4501, r)
    a, b = {"x": 0.5, "y": 0.3}, {"x": 0.5 - 1e-12, "y": 0.3}
    assert not scoring.dominates(a, b) and not scoring.dominates(b, a)  # equal, within rounding
    assert scoring.dominates({"x": 0.6, "y": 0.3 - 1e-12}, b)
    assert not scoring.dominates({"x": 0.6, "y": 0.29}, b)


def test_analysis_is_cached_by_its_situation() -> None:
    sit = situation_at(scenario([{"values": [[0, 100]]}, {"values": [[100, 0]]}]), 1)
    first = analyze(sit)
    assert analyze(sit) is first
    again = situation_at(sit.scenario, 1)
    assert analyze(again) is not first and analyze(again).to_json() == first.to_json()
    assert np.array_equal(compile_plan(sit).need, compile_plan(again).need)


def test_nash_point_decided_exactly_between_near_equal_products() -> None:
    """Products 0.2 and 0.20000000000004 are within float noise of each other: the exact
    comparison picks the larger, and deals() lists it first."""
    sit = situation_at(scenario([{"values": [[50, 40]]},
                                 {"values": [[40, 50.00000000001]]}]), 1)
    a = analyze(sit)
    assert len(a.pareto) == 2
    assert a.nash is not None and a.nash.package == (1,)
    assert [pt.package for pt in a.deals()] == [(1,), (0,)]
