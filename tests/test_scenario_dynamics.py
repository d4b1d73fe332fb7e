"""The bundled scenarios respond to play: what the players do decides whether and when a deal
lands (issue 14's targets, measured by scripts/measure_deals.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from game.engine.moves import EndRound, Gesture, Propose
from game.engine.session import Session
from game.files import content_dir, read_scenario
from game.scenario.models import Scenario

ROOT = Path(__file__).resolve().parent.parent


def _measure_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("measure_deals",
                                                  ROOT / "scripts" / "measure_deals.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(name: str) -> Scenario:
    s = read_scenario(content_dir() / f"{name}.yaml").scenario
    assert s is not None
    return s


def _neutral_offer(game: Session) -> dict[str, str]:
    """Ukraine's best package that offers neutrality and keeps its own red lines."""
    from itertools import product

    sit = game.situation
    own = sit.parties["ukraine"]
    choices = [range(len(o)) for o in sit.option_ids]
    alignment = sit.issue_ids.index("alignment")
    neutral = sit.option_ids[alignment].index("neutrality")
    best = max((p for p in product(*choices) if p[alignment] == neutral
                and not any(r.broken_by(p) for r in own.rules)), key=own.utility)
    return sit.named(best)


def _idle(s: Scenario, role: str, gesture: str | None = None) -> Session:
    """A player who only ends rounds (taking one confidence step a round if given)."""
    game = Session.start(s, role, seed=0)
    while not game.finished:
        if gesture is not None and "gesture" in game.legal_moves():
            game.play(Gesture(step=gesture))
        game.play(EndRound())
    return game


def test_istanbul_trade_offered_without_trust_does_not_outlast_bucha() -> None:
    """Kyiv's seat offers neutrality once, then only ends rounds: its offer opens the Istanbul
    window, but with no trust built nothing survives Bucha and the talks end without a deal
    (at normal: the computer parties offer confidence steps only in return for one)."""
    s = _load("istanbul-2022")
    game = Session.start(s, "ukraine", seed=0, difficulty="normal")
    game.play(Propose(package=_neutral_offer(game)))
    while not game.finished:
        game.play(EndRound())
    assert {r for r, _ in game.state.fired} == {3}
    because = {e.reasons[-1].text for e in game.log if e.kind == "event" and len(e.reasons) > 1}
    # the log names the play that held when the round opened, not trust the trade itself built
    assert because == {"This happened because (Ukraine offered alignment = neutrality)."}
    assert game.log[-1].kind == "no_deal" and game.log[-1].round == 4


def test_istanbul_trust_built_by_steps_opens_the_window_and_keeps_it() -> None:
    s = _load("istanbul-2022")
    game = _idle(s, "ukraine", gesture="prisoner-exchange")
    rounds = {r for r, _ in game.state.fired}
    assert rounds == {3, 4}  # the Istanbul trade, then the trust that survives Bucha
    because = [e.reasons[-1].text for e in game.log if e.kind == "event" and e.round == 3
               and len(e.reasons) > 1]
    assert because and all("trust between Ukraine and Russia reached 0.40" in b
                           for b in because)


def _zone(s: Scenario, number: int, fired: frozenset[tuple[int, int]]) -> list[dict[str, str]]:
    """Every package within every red line at the table and above every no-deal value."""
    from itertools import product

    from game.engine.book import Book

    sit = Book(s).situation(number, fired)
    table = sit.table
    return [sit.named(p) for p in product(*[range(len(o)) for o in sit.option_ids])
            if all(not any(r.broken_by(p) for r in party.rules)
                   and party.utility(p) > party.reservation for party in table)]


def test_istanbul_trade_lets_ceilings_be_traded_against_guarantees_until_bucha() -> None:
    """With the Istanbul trade prepared, Moscow takes Ukrainian forces without ceilings if no
    outside state binds itself (round 3); after Bucha, Kyiv's demand for binding guarantees
    ends that trade, and only the trust kept leaves a zone."""
    s = _load("istanbul-2022")
    every = frozenset((n, k) for n, rnd in enumerate(s.rounds, start=1)
                      for k in range(len(rnd.events)))
    trade = frozenset(k for k in every if k[0] == 3)
    round3 = _zone(s, 3, trade)
    unlimited = [p for p in round3 if p["military"] == "no_limits"]
    assert unlimited and len(unlimited) < len(round3)
    assert {p["guarantees"] for p in unlimited} == {"consultative"}
    assert _zone(s, 3, frozenset()) == []
    # after Bucha: nothing without the trust kept; with it, Kyiv signs only with binding
    # guarantees, so the trade is gone and the ceilings are back
    assert _zone(s, 4, trade) == []
    kept = _zone(s, 4, every)
    assert kept and {(p["military"], p["guarantees"]) for p in kept} == {("caps", "binding")}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["istanbul-2022", "stalemate-2025"])
def test_deals_vary_with_play(name: str) -> None:
    module = _measure_module()
    scenario = _load(name)
    # every seat, every built-in strategy, one seed at each difficulty level: the easiest
    # counterparts settle in the window before Bucha, the harder ones later, on trust built
    result = module.measure(scenario, 1, [lv.id for lv in scenario.difficulties])
    assert result["games"] >= 60
    assert result["deals"] >= 30
    assert result["distinct"] >= 5
    if name == "istanbul-2022":  # the window before Bucha is used, or the trust outlasts it
        assert set(result["by_round"]) == {3, 4}
        assert result["by_round"][3] >= 10 and result["by_round"][4] >= 10
    else:  # a table that took a confidence step early can settle before the last round
        assert set(result["by_round"]) == {3, 4}
        assert result["by_round"][3] >= 1 and result["by_round"][4] >= 10


def test_the_debrief_reads_the_zone_as_this_game_played_it() -> None:
    from game.debrief.build import build

    s = _load("istanbul-2022")
    game = _idle(s, "ukraine", gesture="prisoner-exchange")
    d = build(game)
    opened = [t for t in d.turning_points if "zone of agreement opens" in t.text]
    assert [t.round for t in opened] == [3]  # by default every round's zone is empty
    assert d.zone_by_round[2] == 0 < d.zone_by_round[3]  # the chart agrees with the text
