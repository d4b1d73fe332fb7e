"""Difficulty is behaviour: easy parties open nearer the middle of their range; hard ones hold out
for what the player's side has already accepted, stop paying for a side that accepts more than it
asks, and walk out on trust only when trust has fallen."""

from __future__ import annotations

import pytest

from game.engine.agents import Agent
from game.engine.moves import Stay, WalkOut
from game.engine.players import player_bot, run_game
from game.engine.session import Session
from game.engine.situation import PartyState
from game.engine.strategies import MIDDLE, Curve
from game.files import resolve
from game.scenario.models import Scenario, Strategy

SIZES = (3, 2)
OWN = PartyState("p", "P", (0.5, 0.5), ((0.0, 0.5, 1.0), (1.0, 0.0)), 0.2, ())
"""A party whose best package (2, 0) is worth 1 and worst (0, 1) worth 0."""
LATE = 0.99
"""Late in the talks: the hold on a party's share of the Nash point (another rule, which keeps
a hard party near its best early on) has faded, so what the player accepted is what holds."""


def bundled(sid: str) -> Scenario:
    sc = resolve(sid).scenario
    assert sc is not None
    return sc


def agent(level: float, live: bool = True) -> Agent:
    return Agent("p", Curve(Strategy.model_validate({"name": "linear"}), 4), SIZES,
                 level=level, live=live)


def test_an_easy_party_opens_nearer_the_middle_of_its_range() -> None:
    floor = 0.2
    eager, replayed = agent(0.0), agent(0.0, live=False)  # a player's bot plays as authored
    assert replayed.aspiration(OWN, 0.0, floor, 1) == pytest.approx(1.0)
    assert eager.aspiration(OWN, 0.0, floor, 1) == pytest.approx(1.0 - MIDDLE * (1.0 - floor))
    assert agent(1.0).aspiration(OWN, 0.0, floor, 1) > eager.aspiration(OWN, 0.0, floor, 1)


@pytest.mark.parametrize("level", [0.0, 0.5, 1.0])
def test_a_hard_party_holds_out_for_what_the_player_accepted(level: float) -> None:
    a = agent(level)
    a.observe("q", (0, 1), OWN, press=True)  # the player asks for all: worth 0 to p
    before = a.aspiration(OWN, LATE, 0.2, 4)
    a.accepted("q", (2, 1), OWN)  # ... then says yes to a package worth 0.5 to p
    after = a.aspiration(OWN, LATE, 0.2, 4)
    assert before < 0.5
    assert (after > before + 1e-9) is (level > 0)
    if level == 1.0:
        assert after == pytest.approx(0.5)  # it asks for what the player already granted
    # a package another party refused makes no deal: the player's yes to it is not held
    b = agent(level)
    b.observe("q", (0, 1), OWN, press=True)
    b.refused.add((2, 1))
    b.accepted("q", (2, 1), OWN)
    assert b.aspiration(OWN, LATE, 0.2, 4) == pytest.approx(before)


def test_accepting_what_one_asked_for_gives_nothing_away() -> None:
    a = agent(1.0)
    a.observe("q", (2, 1), OWN, press=True)  # the player's own offer: worth 0.5 to p
    before = a.aspiration(OWN, 0.75, 0.2, 4)
    a.accepted("q", (2, 1), OWN)
    assert a.giving["q"] == 0.0
    assert a.aspiration(OWN, 0.75, 0.2, 4) == pytest.approx(before)


def test_a_passive_seat_is_not_carried_to_a_good_deal_at_hard() -> None:
    # nato-2023: Kyiv and Moscow settle between them; NATO's seat only has to say yes. A NATO
    # that accepts the first offer above its no-deal value sees its consent spent first.
    sc = bundled("nato-2023")
    scores = []
    for seed in range(6):
        session = Session.start(sc, "nato", seed=seed, difficulty="hard")
        run_game(session, player_bot("accept_first", "nato", seed))
        assert session.outcome is not None
        scores.append(session.outcome.player.value)
    assert sum(scores) / len(scores) < 0.35, scores


def test_a_hard_party_walks_out_on_trust_only_once_trust_has_fallen() -> None:
    sc = bundled("nato-2023")  # Moscow and Kyiv start at trust 0.1: low, but not a collapse
    session = Session.start(sc, "ukraine", seed=0, difficulty="hard")
    state = session.state
    computer = session._decider.computer
    computer.agents["russia"].pressure["ukraine"] = 3.0  # its red lines ignored, again and again
    assert state.trust("russia", "ukraine") == pytest.approx(0.1)
    assert isinstance(computer.closing(state, "russia"), Stay)
    state.trust_extra[frozenset(("ukraine", "russia"))] = -0.05
    move = computer.closing(state, "russia")
    assert isinstance(move, WalkOut) and move.why == "trust"
