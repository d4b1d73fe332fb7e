"""Saves keep their outcome: a set of saves written by format 2 (the player's moves alone) migrate
and replay to the agreement, deal, score and walk-outs they had, and a format-3 save replays to
its outcome even when the computer players decide differently (the record of every seat wins)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.computer import Computer
from game.engine.events import Reason
from game.engine.moves import Pass, Reject, Stay
from game.saves import VERSION, load_save, save_session

FIXTURES = Path(__file__).parent / "fixtures" / "saves-v2"
EXPECTED = json.loads((FIXTURES / "outcomes.json").read_text())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_format_2_save_replays_to_its_outcome(name: str, tmp_path: Path) -> None:
    loaded = load_save(FIXTURES / name)
    assert loaded.data.version == VERSION and loaded.data.plays
    outcome = loaded.session().outcome
    want = EXPECTED[name]
    assert outcome is not None
    assert outcome.agreement == want["agreement"]
    assert outcome.package == want["package"]
    assert outcome.walked_out == want["walked_out"]
    assert outcome.player.value == pytest.approx(want["score"], abs=1e-6)
    assert {p: round(u, 6) for p, u in outcome.utilities.items()} == pytest.approx(
        want["utilities"], abs=1e-6)


def _stubborn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Computer players that would never agree to anything, never counter, never leave."""
    no = [Reason(text="never")]
    monkeypatch.setattr(Computer, "answer",
                        lambda self, s, party, offer: Reject(offer=offer.id, reasons=no))
    monkeypatch.setattr(Computer, "counter", lambda self, s, party: Pass())
    monkeypatch.setattr(Computer, "closing", lambda self, s, party: Stay())


@pytest.mark.parametrize("name", sorted(EXPECTED)[::5])
def test_the_record_wins_when_the_computer_players_change(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = load_save(FIXTURES / name).session()
    path = save_session(session, tmp_path / "v3.json")
    _stubborn(monkeypatch)
    again = load_save(path).session()
    assert again.outcome == session.outcome
    assert [p.model_dump() for p in again.plays] == [p.model_dump() for p in session.plays]
