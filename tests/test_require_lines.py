"""A red line that no package can break (a `require` of every option, a `then` that allows all its
`when` names) made `simulate --role mediator` fail with "max() arg is an empty sequence": the
mediator's candidate filter did not expect a rule with an empty literal. `validate` now reports
such lines (tests/test_scenario_broken.py), and the engine no longer trips on one that reaches it
(an embedded scenario, say, or an event that narrows a line)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import yaml

from game.engine.players import player_bot, run_game
from game.engine.pools import broken_mask
from game.engine.session import Session
from game.engine.situation import Rule
from game.scenario.models import Scenario

BROKEN = Path(__file__).parent / "fixtures" / "broken"

RULES = [
    ((0, frozenset()),),  # a `require` of every option
    ((0, frozenset({1})), (1, frozenset())),  # when ... then every option
    ((0, frozenset({0, 2})), (1, frozenset({1}))),
    ((1, frozenset({0, 1})),),
]


@pytest.mark.parametrize("literals", RULES)
def test_the_vectorised_check_agrees_with_the_rule_on_every_package(literals) -> None:
    rule = Rule("r", "p", "text", ("S1",), literals)
    packages = np.array(list(itertools.product(range(3), range(2))))
    expected = [rule.broken_by(tuple(int(x) for x in pk)) for pk in packages]
    assert broken_mask(rule, packages).tolist() == expected


@pytest.mark.parametrize("fixture", ["require_every_option", "when_then_binds_nothing"])
def test_a_mediator_game_ends_on_a_line_nothing_breaks(fixture: str) -> None:
    data = yaml.safe_load((BROKEN / f"{fixture}.yaml").read_text())
    scenario = Scenario.model_validate(data)  # past validate, as an old embedded save could be
    session = Session.start(scenario, "mediator", seed=3)
    run_game(session, player_bot("linear", "mediator", 3))
    assert session.finished and session.outcome is not None
