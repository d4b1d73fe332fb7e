"""Forking into another seat: a `TakeSeat` move rebuilds the forked table exactly, the computer
plays the seat left from what its log shows and never breaks its red lines, and saves replay it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.events import SeatTaken
from game.engine.moves import TakeSeat
from game.engine.players import player_bot, run_game
from game.engine.session import IllegalMove, Session
from game.engine.situation import situation_at
from game.files import resolve
from game.saves import VERSION, SaveError, load_save, save_session
from game.scenario.models import Scenario


def _scenario(name: str) -> Scenario:
    scenario = resolve(name).scenario
    assert scenario is not None
    return scenario


def _played(name: str, role: str, seed: int) -> Session:
    session = Session.start(_scenario(name), role, seed=seed)
    run_game(session, player_bot("linear", role, seed))
    return session


def _entries_after_fork(session: Session) -> list:
    at = next(e.seq for e in session.log if e.kind == "seat_taken")
    return [e for e in session.log if e.seq > at]


@pytest.mark.parametrize(
    ("name", "role", "other"),
    [("tutorial", "ukraine", "russia"), ("istanbul-2022", "nato", "russia"),
     ("istanbul-2022", "russia", "nato")],
)
def test_fork_into_other_seat_is_exact_plays_on_and_round_trips(
    name: str, role: str, other: str, tmp_path: Path,
) -> None:
    played = _played(name, role, seed=4)
    loaded = load_save(save_session(played, tmp_path))
    assert len(played.moves) >= 4
    for k in (0, 1, len(played.moves) // 2, len(played.moves) - 1):
        before = loaded.session(k)
        forked = loaded.fork(k, other)
        assert forked.role == other and forked.start_role == role
        assert forked.moves == played.moves[:k] + [TakeSeat(party=other)]
        assert forked.table == before.table  # the offers on the table as saved, not afresh
        assert forked.round == before.round
        assert forked.log[: len(before.log)] == before.log == played.log[: len(before.log)]
        assert not forked.finished
        again = Session.replay(loaded.data.scenario, role, forked.moves, seed=played.seed)
        assert again.log == forked.log and again.table == forked.table
        run_game(forked, player_bot("boulware", other, 9))
        assert forked.finished and forked.outcome is not None
        path = save_session(forked, tmp_path / f"fork-{k}.json")
        doc = json.loads(path.read_text())
        assert doc["role"] == role and doc["version"] == VERSION
        assert {"kind": "take_seat", "party": other} in doc["moves"]
        assert {"seat": role, "move": {"kind": "take_seat", "party": other}} in doc["plays"]
        reloaded = load_save(path).session()
        assert reloaded.role == other and reloaded.log == forked.log
        assert reloaded.outcome == forked.outcome


@pytest.mark.slow
def test_the_computer_keeps_the_seat_it_takes_within_its_red_lines() -> None:
    scenario = _scenario("istanbul-2022")
    checked = 0
    for seed in range(4):
        played = _played("istanbul-2022", "ukraine", seed)
        for k in range(0, len(played.moves), 3):
            forked = Session.replay(scenario, "ukraine", played.moves[:k], seed=seed)
            forked.play(TakeSeat(party="russia"))
            run_game(forked, player_bot("conceder", "russia", seed))
            for e in _entries_after_fork(forked):
                if e.actor == "ukraine" and e.kind in ("offer", "accept") and e.package:
                    sit = situation_at(scenario, e.round, forked.state.fired)  # as played
                    pkg = sit.package(e.package)
                    assert not [r.id for r in sit.parties["ukraine"].rules if r.broken_by(pkg)]
                    checked += 1
    assert checked >= 5, "the computer-played Ukraine tabled or accepted packages"


def test_the_seat_left_starts_from_what_its_log_shows() -> None:
    # a game in which Russia names red lines before the seat changes hands (in the tutorial the
    # player's strategy now tables nothing that breaks a line stated to it, so none is named)
    played = _played("istanbul-2022", "ukraine", seed=2)
    k = len(played.moves) // 2
    before = Session.replay(played.scenario, "ukraine", played.moves[:k], seed=2)
    offers_by_russia = [e for e in before.log if e.kind == "offer" and e.actor == "russia"]
    named = {r.red_line for e in before.log if e.actor == "russia" and e.offer is not None
             for r in e.reasons if r.red_line}
    assert offers_by_russia and named
    before.play(TakeSeat(party="russia"))
    agents = before._decider.computer.agents
    agent = agents["ukraine"]
    assert "russia" not in agents
    assert agent.models["russia"].seen == len(offers_by_russia)
    assert named <= set(agent.known_rules)
    assert before.turns_left == before.scenario.rules.turns_per_round
    taken = before.log[-1]
    assert isinstance(taken, SeatTaken)
    assert (taken.from_seat, taken.to_seat) == ("ukraine", "russia")


def test_seats_that_cannot_change_hands_are_refused() -> None:
    scenario = _scenario("tutorial")
    session = Session.start(scenario, "ukraine", seed=1)
    for seat, why in [("ukraine", "already hold"), ("mediator", "mediator"),
                      ("martians", "not a role")]:
        assert why in (session.seat_refusal(seat) or "")
        with pytest.raises(IllegalMove, match=why):
            session.play(TakeSeat(party=seat))
    med = Session.start(scenario, "mediator", seed=1)
    assert "mediator" in (med.seat_refusal("russia") or "")
    done = _played("tutorial", "ukraine", seed=1)
    assert done.seat_refusal("russia") == "the talks are over"
    assert session.moves == []  # refused moves are not recorded


def test_a_save_whose_seat_change_cannot_replay_is_a_clear_error(tmp_path: Path) -> None:
    played = _played("tutorial", "ukraine", seed=3)
    path = save_session(played, tmp_path)
    doc = json.loads(path.read_text())
    mine = [i for i, p in enumerate(doc["plays"]) if p["seat"] == "ukraine"]
    doc["plays"] = doc["plays"][:mine[1]] + [
        {"seat": "ukraine", "move": {"kind": "take_seat", "party": "mediator"}}]
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="do not replay.*mediator"):
        load_save(path)
    with pytest.raises(SaveError, match="talks are over"):
        load_save(save_session(played, tmp_path)).fork(len(played.moves), "russia")
