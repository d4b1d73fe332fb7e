"""`redlines tournament`: the JSON contract, the table, and clear messages for bad input."""

from __future__ import annotations

import io
import json
import sys

import pytest

from game.cli import main
from game.engine.players import NAIVE_STRATEGIES, PLAYER_STRATEGIES

KEYS = {"seat", "strategy", "difficulty", "games", "agreement_rate", "mean_score",
        "mean_nash_distance"}


def test_json_has_a_row_per_seat_and_strategy_with_the_issue_keys(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tournament", "tutorial", "--seeds", "2", "--difficulty", "hard",
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["scenario"] == "tutorial"
    rows = doc["rows"]
    assert all(set(r) == KEYS for r in rows)
    seats = {r["seat"] for r in rows}
    assert seats == {"ukraine", "russia", "mediator"}
    party_rows = [r for r in rows if r["seat"] == "ukraine"]
    assert [r["strategy"] for r in party_rows] == list(PLAYER_STRATEGIES)
    assert not any(r["strategy"] in NAIVE_STRATEGIES for r in rows if r["seat"] == "mediator")
    for r in rows:
        assert r["difficulty"] == "hard" and r["games"] == 2
        assert 0.0 <= r["agreement_rate"] <= 1.0 and 0.0 <= r["mean_score"] <= 1.0
    # a strategy that never accepts anything below its ideal never gets a deal
    naive = next(r for r in party_rows if r["strategy"] == "naive_ideal")
    assert naive["agreement_rate"] == 0.0 and naive["mean_score"] == 0.0


def test_the_table_names_every_level_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tournament", "tutorial", "--seeds", "1"]) == 0
    out = capsys.readouterr().out
    assert "| seat | strategy | difficulty |" in out
    for level in ("easy", "normal", "hard"):
        assert f"| ukraine | accept_first | {level} | 1 |" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--difficulty", "brutal"], "unknown difficulty 'brutal'; choose one of: easy, normal, hard"),
    (["--seeds", "0"], "--seeds: 0 is not a positive number of games"),
])
def test_bad_input_is_named_without_a_traceback(
        args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tournament", "tutorial", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_nash_distance_is_measured_where_play_opened_the_zone() -> None:
    """Istanbul's zone exists only where play fired its conditional events: the distance is
    taken against that game's own Nash point, and a game signed at it is close to it."""
    from game.commands.tournament import nash_distance
    from game.engine.players import player_bot, run_game
    from game.engine.session import Session
    from game.files import resolve

    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    session = Session.start(scenario, "mediator", seed=0, difficulty="easy")
    run_game(session, player_bot("linear", "mediator", 0))
    assert session.outcome is not None and session.outcome.agreement
    assert session.snapshot().fired  # the zone this game signed in opened by play
    distance = nash_distance(session)
    assert distance is not None and 0.0 <= distance < 0.15


def test_pars_stand_beside_the_rows_and_the_table_explains_them(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tournament", "tutorial", "--seeds", "1", "--difficulty", "normal",
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    keys = [(r["seat"], r["strategy"], r["difficulty"]) for r in doc["rows"]]
    assert [(p["seat"], p["strategy"], p["difficulty"]) for p in doc["pars"]] == keys
    assert all(p["nash_score"] is None or 0.0 <= p["nash_score"] <= 1.0 for p in doc["pars"])
    assert any(p["nash_score"] is not None for p in doc["pars"])
    assert main(["tournament", "tutorial", "--seeds", "1", "--difficulty", "normal"]) == 0
    out = capsys.readouterr().out
    assert "| Nash distance | par |" in out and "Par: the seat's score had each game ended" in out


def test_a_seats_par_is_its_score_at_the_nash_point_of_the_round_played() -> None:
    """NATO 2023's Russia seat against hard parties: the par is (Nash - reservation) / (best in
    the zone - reservation), from the last round's analysis as the game played it; below 0.6,
    which is why no strategy of that seat reaches 0.6 there."""
    from game.engine.outcome import nash_score
    from game.engine.players import player_bot, run_game
    from game.engine.session import Session
    from game.files import resolve

    scenario = resolve("nato-2023").scenario
    assert scenario is not None
    session = Session.start(scenario, "russia", seed=0, difficulty="hard")
    run_game(session, player_bot("boulware", "russia", 0))
    state = session.snapshot()
    analysis = state.book.analysis(state.round, state.fired)
    assert analysis.nash is not None
    r = state.sit.parties["russia"].reservation
    best = max(pt.utilities["russia"] for pt in analysis.deals())
    expected = (analysis.nash.utilities["russia"] - r) / (best - r)
    par = nash_score(state)
    assert par is not None and abs(par - expected) < 1e-9
    assert 0.5 < par < 0.6
    assert session.outcome is not None and session.outcome.player.value <= par


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_is_told_after_every_row_and_stays_off_a_pipe(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from game.commands.tournament import play_rows, show_progress
    from game.files import resolve

    scenario = resolve("tutorial").scenario
    assert scenario is not None
    told: list[tuple[int, int, str]] = []
    rows = play_rows(scenario, 1, ["easy"], lambda d, t, w: told.append((d, t, w)))
    assert [d for d, _, _ in told] == list(range(1, len(rows) + 1))
    assert {t for _, t, _ in told} == {len(rows)}
    assert told[0][2] == "ukraine, boulware, easy"
    terminal = _Stream(tty=True)
    monkeypatch.setattr(sys, "__stderr__", terminal)
    monkeypatch.setattr(sys, "stderr", _Stream(tty=False))  # redirected to a file or a pipe
    show_progress(1, 2, "ukraine, boulware, easy")
    assert terminal.getvalue() == ""
    monkeypatch.setattr(sys, "stderr", terminal)
    show_progress(1, 2, "ukraine, boulware, easy")
    show_progress(2, 2, "ukraine, conceder, easy")
    assert terminal.getvalue() == ("\r\033[K1/2 rows played (ukraine, boulware, easy)"
                                   "\r\033[K2/2 rows played (ukraine, conceder, easy)\n")
