"""Several human seats at one table (a hosted table): each moves through the same rules, the
computer plays the rest, the round closes when every human has ended it, and the record
rebuilds the table exactly."""

from __future__ import annotations

import random

import pytest

from game.engine.legal import legal_kinds, legal_moves, why_not
from game.engine.moves import EndRound, Move, Propose
from game.engine.records import IllegalMove
from game.engine.session import Session
from game.files import resolve


def _scenario(name: str):  # type: ignore[no-untyped-def]
    parsed = resolve(name)
    assert parsed.scenario is not None
    return parsed.scenario


def _random_game(name: str, humans: tuple[str, ...], seed: int) -> Session:
    scenario = _scenario(name)
    session = Session.start(scenario, humans[0], seed=seed, humans=humans)
    rng = random.Random(seed)
    for _ in range(300):
        if session.finished:
            break
        seat = rng.choice([h for h in humans if h not in session.state.ended
                           and h not in session.state.walked])
        state = session.state.acting(seat)
        moves: list[Move] = [m for m in legal_moves(state, seat) if m.kind != "walk_out"]
        if "propose" in [m.kind for m in moves] or why_not(state, seat, Propose(package={})):
            pkg = {i.id: rng.choice(i.options).id for i in scenario.issues}
            if why_not(state, seat, Propose(package=pkg)) is None:
                moves.append(Propose(package=pkg))
        session.play_as(seat, rng.choice(moves))
    return session


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_humans_play_to_the_end_and_the_record_rebuilds_it(seed: int) -> None:
    humans = ("ukraine", "russia")
    session = _random_game("istanbul-2022", humans, seed)
    assert session.finished and session.outcome is not None
    seats = {p.seat for p in session.plays}
    assert {"ukraine", "russia", "usa", "europe"} <= seats  # both people moved, the computer too
    again = Session.from_plays(session.scenario, "ukraine", session.plays, seed=seed,
                               humans=humans)
    assert [e.model_dump() for e in again.log] == [e.model_dump() for e in session.log]
    assert again.outcome == session.outcome


def test_the_round_closes_only_when_every_human_has_ended_it() -> None:
    session = Session.start(_scenario("istanbul-2022"), "ukraine", seed=0,
                            humans=("ukraine", "russia"))
    session.play_as("ukraine", EndRound())
    assert session.round == 1
    with pytest.raises(IllegalMove, match="ended this round"):
        session.play_as("ukraine", EndRound())
    session.play_as("russia", EndRound())
    assert session.round == 2 or session.finished


def test_the_computer_plays_only_the_seats_nobody_holds() -> None:
    session = Session.start(_scenario("istanbul-2022"), "ukraine", seed=0,
                            humans=("ukraine", "russia"))
    assert sorted(session.state.computer_seats()) == ["europe", "usa"]
    with pytest.raises(IllegalMove, match="not a seat people hold"):
        session.play_as("usa", EndRound())


def test_each_human_seat_has_the_rounds_offers() -> None:
    scenario = _scenario("istanbul-2022")
    session = Session.start(scenario, "ukraine", seed=0, humans=("ukraine", "russia"))
    per = scenario.rules.turns_per_round
    pkg = {i.id: i.options[0].id for i in scenario.issues}
    for _ in range(per):
        if why_not(session.state.acting("ukraine"), "ukraine", Propose(package=pkg)):
            break
        session.play_as("ukraine", Propose(package=pkg))
    assert session.state.acting("ukraine").turns_left < per
    assert session.state.acting("russia").turns_left == per


def test_a_seat_twice_or_a_seat_not_offered_is_refused() -> None:
    scenario = _scenario("istanbul-2022")
    with pytest.raises(IllegalMove, match="both speak for 'ukraine'"):
        Session.start(scenario, "ukraine", humans=("ukraine", "ukraine"))
    with pytest.raises(IllegalMove, match="'usa' is not a role"):
        Session.start(scenario, "ukraine", humans=("ukraine", "usa"))


def test_a_human_mediator_and_parties_share_a_table() -> None:
    scenario = _scenario("tutorial")
    session = Session.start(scenario, "mediator", seed=0,
                            humans=("mediator", "ukraine", "russia"))
    assert session.mediator is not None
    assert session.state.computer_seats() == []  # the tutorial seats two parties
    assert "draft" in legal_kinds(session.state.acting("mediator"), "mediator")
    assert "propose" in legal_kinds(session.state.acting("russia"), "russia")
