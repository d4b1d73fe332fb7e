"""The analysis API on small hand-made scenarios: plain-words reasons, helpers, edge cases."""

from __future__ import annotations

from typing import Any

import pytest

from game.engine.analysis import analyze
from game.engine.situation import Situation, situation_at, with_table
from game.files import read_scenario
from game.scenario.models import Scenario

SRC = ["S1"]


def make(parties: list[dict[str, Any]], n_issues: int = 2) -> Situation:
    """Two-option issues i0.. and parties given as {values: [[v_o0, v_o1], ...], ...}."""
    issues = [{"id": f"i{i}", "title": f"Issue {i}", "sources": SRC,
               "options": [{"id": f"o{o}", "label": f"O{o}", "sources": SRC} for o in range(2)]}
              for i in range(n_issues)]
    built = []
    for k, p in enumerate(parties):
        built.append({
            "id": f"p{k}", "name": p.get("name", f"Party {k}"), "brief": "b", "sources": SRC,
            "weights": {f"i{i}": w for i, w in enumerate(p.get("weights", [1] * n_issues))},
            "values": {f"i{i}": {f"o{o}": v for o, v in enumerate(row)}
                       for i, row in enumerate(p["values"])},
            "reservation": p.get("reservation", 0.0),
            "red_lines": [{"id": rid, "text": f"text of {rid}", "sources": SRC, **rule}
                          for rid, rule in p.get("red_lines", {}).items()],
        })
    data = {
        "id": "hand", "title": "Hand", "period": "now", "summary": "s",
        "sources": [{"id": "S1", "title": "t", "date": "d", "kind": "news", "perspective": "p"}],
        "issues": issues, "parties": built,
        "rounds": [{"id": "r1", "title": "R", "date": "d",
                    "briefing": [{"text": "x", "sources": SRC}]}],
        "roles": ["p0"],
    }
    return situation_at(Scenario.model_validate(data), 1)


def test_opposed_red_lines_are_a_conflict() -> None:
    s = make([
        {"name": "Ukraine", "values": [[100, 0], [50, 50]],
         "red_lines": {"ua-a": {"require": {"issue": "i0", "options": ["o0"]}}}},
        {"name": "Russia", "values": [[0, 100], [50, 50]],
         "red_lines": {"ru-a": {"forbid": {"issue": "i0", "options": ["o0"]}}}},
    ])
    a = analyze(s)
    assert (a.feasible, a.zopa, a.pareto, a.nash) == (0, 0, (), None)
    assert [c.ids for c in a.conflicts] == [["ua-a", "ru-a"]]
    text = a.conflicts[0].explanation
    assert "Ukraine's red line" in text and "Russia's red line" in text
    assert "cannot both hold" in text and "Issue 0" in text
    assert a.reasons == [text]
    assert a.to_json()["conflicts"] == [["ua-a", "ru-a"]]


def test_a_partys_own_contradiction_is_not_a_conflict_between_parties() -> None:
    s = make([
        {"values": [[100, 0], [50, 50]],
         "red_lines": {"x": {"require": {"issue": "i0", "options": ["o0"]}},
                       "y": {"forbid": {"issue": "i0", "options": ["o0"]}}}},
        {"values": [[0, 100], [50, 50]]},
    ])
    a = analyze(s)
    assert a.conflicts == () and [c.ids for c in a.own_conflicts] == [["x", "y"]]
    assert a.reasons


def test_other_partys_red_line_leaves_too_little() -> None:
    s = make([
        {"name": "Ukraine", "values": [[100, 0], [50, 50]], "weights": [1, 0],
         "reservation": 0.5},
        {"name": "Russia", "values": [[0, 100], [50, 50]],
         "red_lines": {"ru-a": {"forbid": {"issue": "i0", "options": ["o0"]}}}},
    ])
    a = analyze(s)
    assert a.feasible == 2 and a.zopa == 0 and not a.conflicts
    assert a.reasons == ["The best package Russia's red lines leave for Ukraine is worth 0.00 "
                         "to it, below its reservation value 0.50."]


def test_reservation_too_high_for_any_package() -> None:
    s = make([{"values": [[80, 0], [80, 0]], "reservation": 0.9, "name": "Ukraine"},
              {"values": [[0, 100], [50, 50]]}])
    assert analyze(s).reasons == ["No package is worth more than 0.80 to Ukraine, below its "
                                  "reservation value 0.90."]


def test_two_reservation_values_that_exclude_each_other() -> None:
    s = make([
        {"name": "Ukraine", "values": [[100, 0], [100, 0]], "reservation": 0.6},
        {"name": "Russia", "values": [[0, 100], [0, 100]], "reservation": 0.6},
    ])
    a = analyze(s)
    assert a.zopa == 0 and a.feasible == 4 and a.nash is None
    assert a.reasons == ["Among the packages worth at least 0.60 to Russia (its reservation "
                         "value), the best for Ukraine is worth 0.00 to it, below its 0.60."]


def test_helpers_on_the_tutorial() -> None:
    scenario = read_scenario("content/tutorial.yaml").scenario
    assert scenario is not None
    a = analyze(situation_at(scenario, 1))
    deals = a.deals()
    assert deals and deals[0] == a.nash
    assert len(deals) == sum(1 for p in a.pareto if p in deals)
    worst = a.worst["ukraine"].package
    assert all(p.dominates(a.worst["ukraine"].utilities) for p in a.improvements(worst))
    assert a.improvements(worst)
    assert a.nash is not None and a.improvements(a.nash.package) == []


@pytest.mark.parametrize("table", [(), ("ukraine",)])
def test_few_parties_at_the_table(table: tuple[str, ...]) -> None:
    scenario = read_scenario("content/tutorial.yaml").scenario
    assert scenario is not None
    a = analyze(with_table(situation_at(scenario, 1), table))
    assert a.parties == table
    assert len(a.pareto) == 1 and a.feasible >= a.zopa > 0
    assert (a.nash is None) == (table == ())


def test_possessive() -> None:
    from game.engine.analysis.no_deal import possessive

    assert possessive("Russia") == "Russia's"
    assert possessive("European allies") == "European allies'"
