"""Every bundled scenario and role: save, load, debrief in three formats, viewer steps, forks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.debrief import build, render
from game.debrief.steps import Steps, fork
from game.engine.players import player_bot
from game.engine.seats import speaks_for as role_parties
from game.engine.session import Session
from game.files import bundled_paths, read_scenario
from game.saves import load_save, save_session

CASES = [
    (path, role)
    for path in bundled_paths()
    for role in (read_scenario(path).scenario.roles if read_scenario(path).scenario else [])
]


@pytest.mark.parametrize(("path", "role"), CASES, ids=[f"{p.stem}-{r}" for p, r in CASES])
def test_every_role_replays_and_exports(path: Path, role: str, tmp_path: Path) -> None:
    scenario = read_scenario(path).scenario
    assert scenario is not None
    mediator = scenario.mediators[0].id if role == "mediator" else None
    session = Session.start(scenario, role, seed=2, mediator=mediator)
    bot = player_bot("linear", role, 2)
    while not session.finished:
        session.play(bot.move(session))
    loaded = load_save(save_session(session, tmp_path))
    debrief = build(loaded.session())
    assert json.loads(render(debrief, "json"))["role"] == role
    assert render(debrief, "md").startswith("# Debrief: ")
    assert render(debrief, "html").count("<svg") == 2
    steps = Steps(loaded.data)
    assert steps.count == len(session.moves) + 1
    mine = set(role_parties(scenario, role))
    level = next(d for d in scenario.difficulties if d.id == session.difficulty)
    for k in range(steps.count):
        view = steps.view(k)
        for p in view.parties:
            assert 0 <= p.true <= 1
            if p.party in mine:
                assert p.believed == pytest.approx(p.true)
            if not mine and "values" not in level.reveal:
                assert p.believed is None  # a mediator has no values to guess from
    middle = steps.count // 2
    other = next(r for r in scenario.roles if r != role)
    forked = fork(loaded.data, middle, other)
    assert forked.role == other
    assert forked.finished or forked.round == loaded.session(middle).round
    assert fork(loaded.data, middle).log == loaded.session(middle).log
