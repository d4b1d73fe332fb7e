"""Saves rebuild the session exactly, and a game killed at any moment leaves a loadable save."""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from game.engine.players import player_bot
from game.engine.session import Session
from game.files import resolve
from game.saves import VERSION, load_save, save_session


def start(scenario_id: str, role: str, seed: int) -> Session:
    scenario = resolve(scenario_id).scenario
    assert scenario is not None
    mediator = scenario.mediators[0].id if role == "mediator" else None
    return Session.start(scenario, role, seed=seed, mediator=mediator)


def state(s: Session) -> tuple:
    """Everything a player or the debrief can see of a session."""
    return (s.role, s.seed, s.difficulty, s.mediator, list(s.moves), list(s.log), s.round,
            list(s.table), s.finished, s.outcome, s.stances(), s.legal_moves())


@pytest.mark.parametrize(("scenario", "role"), [
    ("tutorial", "ukraine"), ("tutorial", "russia"), ("tutorial", "mediator"),
    ("istanbul-2022", "ukraine"),
])
def test_save_load_round_trip_every_move(tmp_path: Path, scenario: str, role: str) -> None:
    session = start(scenario, role, seed=11)
    bot = player_bot("linear", role, 11)
    path = None
    checked = 0
    while not session.finished:
        session.play(bot.move(session))
        path = save_session(session, path or tmp_path)
        if checked < 3 or session.finished:  # a few mid-game saves, and the last
            assert state(load_save(path).session()) == state(session)
            checked += 1
    assert path is not None and path.parent == tmp_path
    doc = json.loads(path.read_text())
    assert doc["format"] == "redlines-save" and doc["version"] == VERSION
    assert doc["scenario"]["id"] == session.scenario.id
    assert len(doc["moves"]) == len(session.moves) and doc["finished"] is True


def test_save_survives_scenario_file_changing(tmp_path: Path) -> None:
    """The save embeds its scenario: editing or deleting the YAML does not matter."""
    src = resolve("tutorial").scenario
    assert src is not None
    changed = src.model_copy(update={"title": "Something else entirely"})
    session = Session.start(changed, "ukraine", seed=2)
    bot = player_bot("linear", "ukraine", 2)
    for _ in range(3):
        session.play(bot.move(session))
    path = save_session(session, tmp_path)
    loaded = load_save(path)
    assert loaded.data.scenario.title == "Something else entirely"
    assert state(loaded.session()) == state(session)


def _driver(path: Path, ready_fd: int) -> None:
    """The child: plays game after game, saving after every move, until it is killed."""
    seed = 0
    told = False
    while True:
        session = start("tutorial", "ukraine", seed)
        bot = player_bot("conceder", "ukraine", seed)
        while not session.finished:
            session.play(bot.move(session))
            save_session(session, path)
            if not told:
                os.write(ready_fd, b"x")
                told = True
        seed += 1


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_a_loadable_save(tmp_path: Path) -> None:
    rng = random.Random(2026)
    path = tmp_path / "killed.json"
    kills = 0
    moves_seen = set()
    for _ in range(50):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                os.close(r)
                _driver(path, w)
            finally:
                os._exit(0)
        os.close(w)
        assert os.read(r, 1) == b"x"
        os.close(r)
        time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        kills += 1
        loaded = load_save(path)  # replays every move: raises on any broken save
        session = loaded.session()
        assert list(session.log) == list(loaded.data.log)
        moves_seen.add(len(loaded.data.moves))
    assert kills == 50
    # Each new writer removes the temporary files of killed ones: at most the last one is left.
    assert len(list(tmp_path.glob(".killed.json.*.tmp"))) <= 1
    assert len(moves_seen) > 1, "the kills should land at different moments of the game"


def test_two_games_starting_at_once_get_their_own_files(tmp_path: Path) -> None:
    a, b = start("tutorial", "ukraine", 0), start("tutorial", "ukraine", 0)
    first, second = save_session(a, tmp_path), save_session(b, tmp_path)
    assert first != second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name])
