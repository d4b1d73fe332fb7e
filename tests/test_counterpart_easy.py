"""The easiest level meets the student: from round 2 an easy party weighs the offers of the
people at the table (every student at a hosted table) more generously than its own bargaining,
never in round 1, never a mediator's draft, never above the easiest level."""

from __future__ import annotations

from game.engine.computer import Computer, people
from game.engine.moves import EndRound
from game.engine.session import Session
from game.files import resolve
from game.scenario.models import Scenario


def _scenario(sid: str) -> Scenario:
    sc = resolve(sid).scenario
    assert sc is not None
    return sc


def _computer(session: Session) -> Computer:
    return session._decider.computer


def _gap(session: Session, party: str) -> float:
    """How much less the party asks of the student's offer than in its own bargaining."""
    state = session.snapshot()
    toward, _ = _computer(session)._asp(state, party, True)
    own, _ = _computer(session)._asp(state, party, False)
    return own - toward


def test_easy_parties_hear_round_one_out_then_meet_the_student() -> None:
    sc = _scenario("tutorial")
    easy = Session.start(sc, "ukraine", seed=0, difficulty="easy")
    assert _gap(easy, "russia") == 0.0  # round 1: as it bargains
    easy.play(EndRound())
    assert easy.snapshot().round == 2
    assert _gap(easy, "russia") > 0.05  # from round 2 it asks clearly less of the student
    normal = Session.start(sc, "ukraine", seed=0, difficulty="normal")
    normal.play(EndRound())
    assert _gap(normal, "russia") == 0.0  # above the easiest level: no generous terms


def test_every_student_at_a_hosted_table_is_one_of_the_people() -> None:
    sc = _scenario("istanbul-2022")
    table = Session.start(sc, "ukraine", seed=0, humans=("ukraine", "russia"))
    state = table.snapshot()
    assert people(state, "ukraine") and people(state, "russia")
    assert not people(state, "usa") and not people(state, "mediator")
    solo = Session.start(sc, "nato", seed=0).snapshot()
    assert people(solo, "nato") and people(solo, "usa")  # the seat and the members it speaks for
    assert not people(solo, "russia")
