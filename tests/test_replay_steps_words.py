"""The replay viewer in the student's words: option labels instead of ids, each step named by
the round its move was played in, and 'believed' only from what the seat could know."""

from __future__ import annotations

import pytest

from game.debrief.steps import Steps, package_labels
from game.engine.players import player_bot
from game.engine.session import Session
from game.files import resolve
from game.saves import load_save, save_session


@pytest.fixture(scope="module")
def steps(tmp_path_factory) -> Steps:
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    session = Session.start(scenario, "ukraine", seed=5, difficulty="normal")
    bot = player_bot("linear", "ukraine", 5)
    while not session.finished:
        session.play(bot.move(session))
    return Steps(load_save(save_session(session, tmp_path_factory.mktemp("saves"))).data)


def test_step_names_give_the_round_the_move_was_played_in(steps: Steps) -> None:
    ends = 0
    for k in range(1, steps.count):
        move = steps.final.moves[k - 1]
        before, after = steps.snapshot(k - 1), steps.snapshot(k)
        assert steps.title(k).startswith(f"{k}. R{before.round} ")
        assert steps.view(k).round == before.round
        if move.kind == "end_round" and not after.finished:
            ends += 1
            assert after.round == before.round + 1  # the old label named this next round
    assert ends >= 1


def test_packages_are_shown_in_words(steps: Steps) -> None:
    scenario = steps.data.scenario
    first = scenario.issues[0]
    text = package_labels(scenario, {first.id: first.options[0].id})
    assert text == f"{first.title}: {first.options[0].label}"
    shown = [line for k in range(steps.count) for line in steps.view(k).table]
    assert shown, "offers were open at some step"
    for line in shown:
        assert "=" not in line
        assert any(i.title in line for i in scenario.issues)


def test_believed_is_only_what_the_seat_could_know(steps: Steps) -> None:
    views = [steps.view(k) for k in range(steps.count)]
    seen = 0
    for v in views:
        for p in v.parties:
            if p.party == "ukraine":
                assert p.believed == pytest.approx(p.true)
                continue
            seen += 1
            # normal reveals no values: no number, only the view's estimate range
            assert p.believed is None
            assert p.estimate is not None and 0 <= p.estimate[0] <= p.estimate[1] <= 1
    assert seen
