"""One verdict everywhere: the debrief's `deal_on_frontier`, its offers' `on_frontier`, the
TUI debrief and the Markdown export agree with `redlines analyze --round <last> --json`'s
frontier, over simulated games (issue 16)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.debrief import Debrief, build, render
from game.engine.analysis import analyze
from game.engine.players import player_bot
from game.engine.scoring import same
from game.engine.session import Session
from game.engine.situation import situation_at
from game.files import resolve
from game.saves import load_save, save_session
from game.tui.debrief import frontier_markup

pytestmark = pytest.mark.slow

GAMES = [("tutorial", "ukraine", 5, "linear"), ("tutorial", "russia", 1, "linear"),
         ("tutorial", "mediator", 5, "linear"), ("istanbul-2022", "russia", 3, "linear"),
         ("istanbul-2022", "ukraine", 2, "conceder"), ("istanbul-2022", "nato", 6, "linear"),
         ("istanbul-2022", "mediator", 7, "conceder"), ("stalemate-2025", "ukraine", 4, "linear"),
         ("stalemate-2025", "russia", 9, "conceder"), ("stalemate-2025", "nato", 2, "linear"),
         ("stalemate-2025", "mediator", 1, "linear"), ("tutorial", "ukraine", 8, "conceder")]
"""Every bundled scenario in every seat, played out by built-in strategies."""


def played(scenario_id: str, role: str, seed: int, strategy: str) -> Session:
    scenario = resolve(scenario_id).scenario
    assert scenario is not None
    mediator = scenario.mediators[0].id if role == "mediator" else None
    session = Session.start(scenario, role, seed=seed, mediator=mediator)
    bot = player_bot(strategy, role, seed)
    while not session.finished:
        session.play(bot.move(session))
    return session


@pytest.fixture(scope="module")
def debriefs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Session, Debrief]]:
    """Each finished game saved, loaded back, and its JSON debrief read again: what a save of
    the game gives."""
    folder = tmp_path_factory.mktemp("saves")
    out = []
    for game in GAMES:
        s = played(*game)
        loaded = load_save(save_session(s, folder / ("-".join(map(str, game)) + ".json")))
        again = loaded.session()
        assert again.outcome == s.outcome
        d = Debrief.model_validate(json.loads(build(again).model_dump_json()))
        out.append((again, d))
    return out


def in_frontier(frontier: list[dict], utilities: dict[str, float]) -> bool:
    return any(all(same(p["utilities"][k], utilities[k]) for k in p["utilities"])
               for p in frontier)


def test_deal_on_frontier_equals_the_analysis_frontier(debriefs) -> None:
    deals = 0
    cli: dict[tuple[str, int], list] = {}
    for s, d in debriefs:
        last = s.round if s.round <= len(s.scenario.rounds) else len(s.scenario.rounds)
        # the round as this game played it: with the events its play set off (none fired gives
        # exactly what `redlines analyze --round N --json` prints, as the last test shows)
        fired = frozenset(f for f in s.state.fired if f[0] <= last)
        frontier = analyze(situation_at(s.scenario, last, fired)).to_json()["pareto"]
        assert isinstance(frontier, list)
        if not fired and (s.scenario.id, last) not in cli:  # the command itself, once a round
            out = subprocess.run([sys.executable, "-m", "game", "analyze", s.scenario.id,
                                  "--round", str(last), "--json"],
                                 capture_output=True, text=True, check=True).stdout
            cli[(s.scenario.id, last)] = json.loads(out)["pareto"]
        if not fired:
            assert json.loads(json.dumps(frontier)) == cli[(s.scenario.id, last)]
        if d.deal is None:
            assert d.deal_on_frontier is None and d.better_for_all == []
            continue
        deals += 1
        sit = situation_at(s.scenario, last, fired)
        utils = {p: sit.parties[p].utility(sit.package(d.deal)) for p in sit.at_table}
        assert d.deal_on_frontier == in_frontier(frontier, utils), (s.scenario.id, s.role)
        assert (d.better_for_all == []) == d.deal_on_frontier
        # the offer that became the deal carries the same verdict
        row = [o for o in d.offers if o.package == d.deal and o.round == last]
        assert row and row[-1].on_frontier == d.deal_on_frontier
    assert deals >= 2, "the simulated games should reach some deals"
    assert cli, "some games end on a round as scripted, which the command prints"


def test_the_tui_and_the_export_say_the_same(debriefs) -> None:
    for _s, d in debriefs:
        tui = frontier_markup(d)
        md = render(d, "md")
        mine = [o for o in d.offers if o.by == d.role]
        assert tui.count("✓ on the frontier") >= sum(1 for o in mine if o.on_frontier)
        inside = sum(1 for o in mine if o.on_frontier is False)
        assert tui.count("✗ inside the frontier (") == inside
        if d.deal is not None:
            assert ("The deal is on the frontier" in md) == bool(d.deal_on_frontier)
            assert ("None: no package was better" in tui) == bool(d.deal_on_frontier)
        for o in d.offers:
            word = {None: "breaks a red line", True: "on it", False: "inside"}[o.on_frontier]
            assert f"| {word} |" in md


def test_the_cli_frontier_is_the_one_compared() -> None:
    """`redlines analyze --round N --json` prints the analysis the test above reads."""
    out = subprocess.run([sys.executable, "-m", "game", "analyze", "tutorial", "--round", "3",
                          "--json"], capture_output=True, text=True, check=True).stdout
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    assert json.loads(out)["pareto"] == json.loads(json.dumps(
        analyze(situation_at(scenario, 3)).to_json()["pareto"]))
