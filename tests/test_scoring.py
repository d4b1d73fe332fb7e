"""game.engine.scoring: utility in [0, 1], its breakdown, red lines broken, acceptability."""

from __future__ import annotations

import copy
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.scoring import feasible, score, score_all
from game.engine.situation import Situation, situation_at
from game.scenario.models import Scenario

BASE = yaml.safe_load((Path(__file__).parent / "fixtures" / "base.yaml").read_text())


def situation(round_number: int = 0, **east: Any) -> Situation:
    """The base fixture as of a round, with some of party 'east''s fields replaced."""
    data = copy.deepcopy(BASE)
    data["parties"][0].update(east)
    return situation_at(Scenario.model_validate(data), round_number)


def packages(s: Situation) -> list[tuple[int, ...]]:
    return list(itertools.product(*(range(len(o)) for o in s.option_ids)))


def test_utility_is_the_weighted_sum_of_scaled_values() -> None:
    s = situation()
    sc = score(s, s.package({"ceasefire": "now", "troops": "none"}), "east")
    assert sc.breakdown == pytest.approx((2 / 5 * 0.3, 3 / 5 * 1.0))
    assert sc.utility == pytest.approx(0.72)
    assert sc.reservation == 0.4
    assert sc.surplus == pytest.approx(0.32)


def test_utility_follows_the_events_of_the_round() -> None:
    p = (0, 0)
    assert score(situation(0), p, "east").utility == pytest.approx(0.72)
    assert score(situation(2), p, "east").utility == pytest.approx(2 / 7 * 0.3 + 5 / 7)


@pytest.mark.parametrize(
    ("choice", "broken"),
    [
        ({"ceasefire": "now", "troops": "some"}, ["east-no-troops"]),
        ({"ceasefire": "later", "troops": "some"}, ["east-no-troops"]),
        ({"ceasefire": "now", "troops": "none"}, []),
    ],
)
def test_forbid(choice: dict[str, str], broken: list[str]) -> None:
    s = situation()
    sc = score(s, s.package(choice), "east")
    assert [r.id for r in sc.violations] == broken
    assert sc.feasible is (not broken)


@pytest.mark.parametrize(
    ("choice", "broken"),
    [
        ({"ceasefire": "later", "troops": "some"}, True),  # troops without a ceasefire
        ({"ceasefire": "now", "troops": "some"}, False),
        ({"ceasefire": "later", "troops": "none"}, False),  # 'when' does not hold
        ({"ceasefire": "now", "troops": "none"}, False),
    ],
)
def test_when_then(choice: dict[str, str], broken: bool) -> None:
    s = situation()
    assert bool(score(s, s.package(choice), "west").violations) is broken


def _line(**form: Any) -> list[dict[str, Any]]:
    return [{"id": "east-rule", "text": "A rule.", "sources": ["S1"], **form}]


def test_require() -> None:
    s = situation(red_lines=_line(require={"issue": "ceasefire", "options": ["later"]}))
    broken = {p: bool(score(s, p, "east").violations) for p in packages(s)}
    assert broken == {(0, 0): True, (0, 1): True, (1, 0): False, (1, 1): False}


def test_when_then_on_the_same_issue() -> None:
    """'if the ceasefire is now or later, it must be later' forbids exactly 'now'."""
    s = situation(red_lines=_line(when={"issue": "ceasefire", "options": ["now", "later"]},
                                  then={"issue": "ceasefire", "options": ["later"]}))
    broken = {p for p in packages(s) if score(s, p, "east").violations}
    assert broken == {(0, 0), (0, 1)}


def test_acceptable_needs_feasible_and_utility_at_least_reservation() -> None:
    s = situation(reservation=0.72)
    at_reservation = score(s, (0, 0), "east")  # utility 0.72 exactly
    assert at_reservation.acceptable
    infeasible = score(s, (0, 1), "east")
    assert not infeasible.feasible and not infeasible.acceptable
    below = score(situation(reservation=0.73), (0, 0), "east")
    assert below.feasible and not below.acceptable


def test_score_all_and_feasible_cover_the_table_only() -> None:
    s0, s2 = situation(0), situation(2)
    assert list(score_all(s0, (0, 0))) == ["east", "west"]
    assert list(score_all(s2, (0, 0))) == ["east", "west", "north"]
    assert not feasible(s0, (0, 1))  # east forbids troops in round 0
    assert feasible(s2, (0, 1))  # ... and drops that red line in round 2
    assert not feasible(s2, (1, 1))  # west: troops only with a ceasefire


values = st.integers(0, 100)
weights = st.integers(0, 100)


@settings(max_examples=60, deadline=None)
@given(
    w=st.tuples(weights, weights).filter(any),
    v=st.tuples(st.tuples(values, values), st.tuples(values, values)),
)
def test_utility_lies_in_0_1_and_breakdown_sums_to_it(
    w: tuple[int, int], v: tuple[tuple[int, int], tuple[int, int]]
) -> None:
    s = situation(
        weights={"ceasefire": w[0], "troops": w[1]},
        values={"ceasefire": dict(zip(["now", "later"], v[0], strict=True)),
                "troops": dict(zip(["none", "some"], v[1], strict=True))},
    )
    utilities = []
    for p in packages(s):
        sc = score(s, p, "east")
        assert 0.0 <= sc.utility <= 1.0 + 1e-12
        assert sum(sc.breakdown) == pytest.approx(sc.utility)
        utilities.append(sc.utility)
    best = max(v[0]) * w[0] + max(v[1]) * w[1]
    assert max(utilities) == pytest.approx(best / 100 / sum(w))
