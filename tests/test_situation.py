"""game.engine.situation: the scenario as events leave it, round by round."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine.situation import DEFAULT_TRUST, compile_rule, situation_at, with_table
from game.scenario.models import RedLine, Scenario

BASE = yaml.safe_load((Path(__file__).parent / "fixtures" / "base.yaml").read_text())
CITE = {"sources": ["S1"]}


def scenario(events: list[dict[str, Any]] | None = None) -> Scenario:
    """The base fixture, with `events` as a third round when given."""
    data = copy.deepcopy(BASE)
    if events is not None:
        data["rounds"].append({
            "id": "r3", "title": "Third", "date": "May 2022",
            "briefing": [{"text": "More happens.", **CITE}],
            "events": [{"text": "An event.", **CITE, **e} for e in events],
        })
    return Scenario.model_validate(data)


def test_round_0_is_the_authored_opening_state() -> None:
    s = situation_at(scenario(), 0)
    east = s.parties["east"]
    assert east.weights == pytest.approx((2 / 5, 3 / 5))
    assert east.values == ((0.3, 0.8), (1.0, 0.0))
    assert east.reservation == 0.4
    assert [r.id for r in east.rules] == ["east-no-troops"]
    assert s.at_table == ("east", "west")
    assert s.trust_between("west", "east") == 0.3
    assert s.trust_between("east", "north") == DEFAULT_TRUST
    assert s.outcomes == 4


def test_events_apply_only_from_their_round_on() -> None:
    s1, s2 = situation_at(scenario(), 1), situation_at(scenario(), 2)
    assert s1.parties["east"].weights == pytest.approx((2 / 5, 3 / 5))
    assert s2.parties["east"].weights == pytest.approx((2 / 7, 5 / 7))  # set_weight troops 5
    assert [r.id for r in s1.parties["east"].rules] == ["east-no-troops"]
    assert s2.parties["east"].rules == ()  # drop_red_line
    assert s1.at_table == ("east", "west")
    assert s2.at_table == ("east", "west", "north")  # join, in scenario order
    assert s2.round == 2


@pytest.mark.parametrize("bad", [-1, 3])
def test_round_out_of_range_is_refused(bad: int) -> None:
    with pytest.raises(ValueError, match="between 0 and 2"):
        situation_at(scenario(), bad)


def test_set_value_changes_one_option_only() -> None:
    s = situation_at(scenario([{
        "type": "set_value", "party": "west", "issue": "troops", "option": "none", "value": 55,
    }]), 3)
    assert s.parties["west"].values == ((1.0, 0.2), (0.55, 0.9))


@pytest.mark.parametrize(("delta", "expected"), [(0.3, 0.7), (0.9, 1.0), (-0.6, 0.0)])
def test_shift_reservation_is_clamped_to_0_1(delta: float, expected: float) -> None:
    s = situation_at(scenario([{"type": "shift_reservation", "party": "east", "delta": delta}]), 3)
    assert s.parties["east"].reservation == pytest.approx(expected)


def test_add_red_line_compiles_it_for_that_party() -> None:
    s = situation_at(scenario([{
        "type": "add_red_line", "party": "north",
        "red_line": {"id": "north-now", "text": "Now or never.", **CITE,
                     "require": {"issue": "ceasefire", "options": ["now"]}},
    }]), 3)
    (rule,) = s.parties["north"].rules
    assert (rule.id, rule.party) == ("north-now", "north")
    assert rule.literals == ((0, frozenset({1})),)  # forbids 'later'


@pytest.mark.parametrize(("delta", "expected"), [(0.2, 0.5), (0.9, 1.0), (-0.5, 0.0)])
def test_shift_trust_is_symmetric_and_clamped(delta: float, expected: float) -> None:
    s = situation_at(scenario([{"type": "shift_trust", "parties": ["west", "east"],
                                "delta": delta}]), 3)
    assert s.trust_between("east", "west") == pytest.approx(expected)
    assert s.trust_between("west", "east") == pytest.approx(expected)


def test_shift_trust_from_the_default() -> None:
    s = situation_at(scenario([{"type": "shift_trust", "parties": ["east", "north"],
                                "delta": -0.25}]), 3)
    assert s.trust_between("north", "east") == pytest.approx(DEFAULT_TRUST - 0.25)


def test_leave_and_join_again_keep_scenario_order() -> None:
    s = situation_at(scenario([
        {"type": "leave", "party": "east"},
        {"type": "join", "party": "north"},  # already there since round 2: no duplicate
        {"type": "join", "party": "east"},
    ]), 3)
    assert s.at_table == ("east", "west", "north")
    s = situation_at(scenario([{"type": "leave", "party": "west"}]), 3)
    assert s.at_table == ("east", "north")
    assert [p.id for p in s.table] == ["east", "north"]


def test_applying_events_leaves_the_scenario_untouched() -> None:
    s = scenario([{"type": "set_value", "party": "east", "issue": "troops", "option": "some",
                   "value": 70}, {"type": "shift_reservation", "party": "east", "delta": 0.5}])
    situation_at(s, 3)
    again = situation_at(s, 0).parties["east"]
    assert again.values[1] == (1.0, 0.0) and again.reservation == 0.4


def test_with_table_changes_only_who_sits() -> None:
    s = situation_at(scenario(), 2)
    t = with_table(s, ("west",))
    assert t.at_table == ("west",) and t.parties is s.parties and s.at_table != t.at_table


def test_all_zero_weights_after_an_event_fall_back_to_equal_weights() -> None:
    events = [{"type": "set_weight", "party": "north", "issue": i, "weight": 0}
              for i in ("ceasefire", "troops")]
    s = situation_at(scenario(events), 3)
    assert s.parties["north"].weights == (0.5, 0.5)


def test_package_names_and_indices_round_trip() -> None:
    s = situation_at(scenario(), 0)
    p = s.package({"ceasefire": "later", "troops": "some"})
    assert p == (1, 1)
    assert s.named(p) == {"ceasefire": "later", "troops": "some"}


@pytest.mark.parametrize(
    ("choice", "words"),
    [
        ({"ceasefire": "now"}, "no option chosen for issue 'troops'"),
        ({"ceasefire": "now", "troops": "many"}, "has no option 'many'"),
        ({"ceasefire": "now", "troops": "none", "oil": "x"}, "unknown issue(s): oil"),
    ],
)
def test_package_names_what_is_wrong(choice: dict[str, str], words: str) -> None:
    with pytest.raises(KeyError) as err:
        situation_at(scenario(), 0).package(choice)
    assert words in str(err.value)


def _rule(**form: dict[str, Any]) -> RedLine:
    return RedLine.model_validate({"id": "r", "text": "A rule.", **CITE, **form})


ISSUES = ("a", "b")
OPTIONS = (("x", "y", "z"), ("p", "q"))


@pytest.mark.parametrize(
    ("form", "literals"),
    [
        ({"forbid": {"issue": "a", "options": ["x", "z"]}}, ((0, {0, 2}),)),
        ({"require": {"issue": "b", "options": ["q"]}}, ((1, {0}),)),
        ({"when": {"issue": "a", "options": ["y"]}, "then": {"issue": "b", "options": ["p"]}},
         ((0, {1}), (1, {1}))),
        # same issue: 'a in {x, y} then a in {y, z}' forbids only x
        ({"when": {"issue": "a", "options": ["x", "y"]},
          "then": {"issue": "a", "options": ["y", "z"]}},
         ((0, {0}),)),
    ],
    ids=["forbid", "require", "when-then", "when-then-same-issue"],
)
def test_red_line_forms_compile_to_the_forbidden_combination(
    form: dict[str, Any], literals: tuple[tuple[int, set[int]], ...]
) -> None:
    rule = compile_rule(_rule(**form), "p", ISSUES, OPTIONS)
    assert rule.literals == tuple((i, frozenset(o)) for i, o in literals)
