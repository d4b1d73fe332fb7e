"""Counterparts as delegations: what they say (no numbers above the easiest level), where their
hints point, how difficulty changes their play, and the tournament that measures it."""

from __future__ import annotations

import re

import pytest

from game.engine.players import player_bot, run_game
from game.engine.reasons import wanted
from game.engine.session import Session
from game.engine.situation import PartyState, Rule
from game.files import resolve
from game.narrate import Narrator
from game.scenario.models import Scenario

DECIMAL = re.compile(r"\d*\.\d+")
"""A utility, threshold or weight as the table would print it (0.75, .8); a bare 0 is allowed."""
SPOKEN = ("accept", "reject", "objection")


def bundled(sid: str) -> Scenario:
    sc = resolve(sid).scenario
    assert sc is not None
    return sc


def computer_lines(sc: Scenario, seat: str, level: str, seed: int, strategy: str) -> list[str]:
    session = Session.start(sc, seat, seed=seed, difficulty=level)
    run_game(session, player_bot(strategy, seat, seed))
    narrator = Narrator(sc, session.mediator)
    mine = set(session.player_parties()) | {seat}
    return [narrator.line(e) for e in session.log if e.kind in SPOKEN and e.actor not in mine]


@pytest.mark.slow
@pytest.mark.parametrize("sid", ["tutorial", "istanbul-2022", "stalemate-2025"])
def test_no_computer_message_states_a_number_above_the_easiest_level(sid: str) -> None:
    sc = bundled(sid)
    levels = [d.id for d in sc.difficulties]
    said = {lv: [] for lv in levels}  # type: dict[str, list[str]]
    for level in levels:
        for seat in sc.roles:
            for seed in range(3):
                for strategy in ("linear", "boulware", "naive_ideal"):
                    said[level] += computer_lines(sc, seat, level, seed, strategy)
    for level in levels[1:]:
        assert said[level], f"{level}: no computer party spoke"
        leaks = [line for line in said[level] if DECIMAL.search(line)]
        assert leaks == [], f"{level}: {leaks[:3]}"
    # the easiest level still teaches with numbers, so the scan above can fail
    assert any(DECIMAL.search(line) for line in said[levels[0]])


def test_refusals_above_easy_are_graded_words_naming_the_clause() -> None:
    sc = bundled("istanbul-2022")
    seen: dict[str, list[str]] = {}
    for level in ("normal", "hard"):
        seen[level] = [line for seed in range(2)
                       for line in computer_lines(sc, "ukraine", level, seed, "linear")
                       if "rejects" in line and "red line" not in line]
    grades = ("far from what we can sign", "still well short", "closer",
              "worse for us than no agreement")
    for level, lines in seen.items():
        assert lines, level
        assert all(any(g in line for g in grades) for line in lines), lines[:3]
    assert any("clause is the obstacle" in line or "move on" in line for line in seen["normal"])
    # the hardest level names the clause but never the option it wants
    assert not any("we need '" in line or "rather than" in line for line in seen["hard"])


def test_a_hint_never_points_at_an_option_a_stated_red_line_rules_out() -> None:
    own = PartyState("p", "P", (0.5, 0.5), ((0.0, 0.4, 1.0), (1.0, 0.0)), 0.2, ())
    theirs = Rule("no-2", "q", "never option 2", ("S1",), ((0, frozenset({2})),))
    package = (0, 1)
    assert wanted(own, package, 0, ()) == 2  # unaware, it would ask for option 2
    assert wanted(own, package, 0, (theirs,)) == 1  # stated: the best still open
    combo = Rule("c", "q", "not 1 with 0", ("S1",), ((0, frozenset({1, 2})), (1, frozenset({1}))))
    assert wanted(own, package, 0, (combo,)) == 0  # nothing better is open on issue 0
