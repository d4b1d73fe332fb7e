"""The table's rules as properties, over random games (hypothesis' stateful testing):

- a move is legal exactly when `why_not` finds nothing against it, and `legal_moves` lists only
  legal moves;
- no seat's view carries another party's private numbers or unheard red lines, unless the
  difficulty reveals them (easy: what a package is worth to each party, never its no-deal
  value), and no event a seat may not see;
- the record of every seat's moves rebuilds the table, and a save round-trips.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from game.engine.legal import legal_kinds, legal_moves, why_not, why_not_kind
from game.engine.moves import (
    Accept,
    Caucus,
    Conditional,
    Draft,
    EndRound,
    Gesture,
    Move,
    Propose,
    Reply,
    TakeSeat,
    WalkOut,
)
from game.engine.records import IllegalMove
from game.engine.session import Session
from game.engine.views import knows_worth, reveal_of, view
from game.files import bundled_paths, read_scenario
from game.saves import load_save, save_session

SCENARIOS = {p.stem: read_scenario(p).scenario for p in bundled_paths()}
NAMES = ("tutorial", "istanbul-2022")
KINDS = ("propose", "draft", "accept", "caucus", "gesture", "end_round", "walk_out", "take_seat",
         "conditional", "reply")


class RandomTable(RuleBasedStateMachine):
    session: Session

    @initialize(name=st.sampled_from(NAMES), data=st.data(), seed=st.integers(0, 50))
    def start(self, name: str, data: st.DataObject, seed: int) -> None:
        sc = SCENARIOS[name]
        role = data.draw(st.sampled_from(sc.roles))
        level = data.draw(st.sampled_from([d.id for d in sc.difficulties]))
        self.session = Session.start(sc, role, seed=seed, difficulty=level)

    def _candidate(self, kind: str, data: st.DataObject) -> Move:
        s = self.session
        sc = s.scenario
        if kind in ("propose", "draft"):
            package = {i.id: data.draw(st.sampled_from([o.id for o in i.options]))
                       for i in sc.issues}
            return Propose(package=package) if kind == "propose" else Draft(package=package)
        if kind == "accept":
            ids = [o.id for o in s.table] + [999]
            return Accept(offer=data.draw(st.sampled_from(ids)))
        if kind == "caucus":
            return Caucus(party=data.draw(st.sampled_from([p.id for p in sc.parties])))
        if kind == "gesture":
            steps = [c.id for c in sc.confidence_steps] + ["no-such-step"]
            return Gesture(step=data.draw(st.sampled_from(steps)))
        if kind == "conditional":
            def side() -> dict[str, str]:
                issue = data.draw(st.sampled_from(sc.issues))
                return {issue.id: data.draw(st.sampled_from([o.id for o in issue.options]))}
            to = data.draw(st.sampled_from([p.id for p in sc.parties] + ["nobody"]))
            return Conditional(to=to, ask=side(), give=side())
        if kind == "reply":
            numbers = [p.id for p in s.state.pledges] + [99]
            return Reply(conditional=data.draw(st.sampled_from(numbers)),
                         accept=data.draw(st.booleans()))
        if kind == "take_seat":
            return TakeSeat(party=data.draw(st.sampled_from(sc.roles)))
        return EndRound() if kind == "end_round" else WalkOut()

    @precondition(lambda self: not self.session.finished)
    @rule(kind=st.sampled_from(KINDS), data=st.data())
    def move(self, kind: str, data: st.DataObject) -> None:
        move = self._candidate(kind, data)
        s = self.session
        before = len(s.plays)
        refusal = why_not(s.state, s.role, move)
        if kind != "take_seat" and why_not_kind(s.state, s.role, kind) is not None:
            assert refusal is not None
        try:
            s.play(move)
        except IllegalMove as err:
            assert refusal == str(err)
            assert len(s.plays) == before  # a refused move changes nothing
        else:
            assert refusal is None

    @precondition(lambda self: self.session.finished)
    @rule(kind=st.sampled_from(KINDS))
    def after_the_end(self, kind: str) -> None:
        s = self.session
        assert legal_moves(s.state, s.role) == [] or kind == "take_seat"
        assert why_not_kind(s.state, s.role, kind) == "the talks are over"

    @invariant()
    def listed_moves_are_legal(self) -> None:
        s = self.session
        for move in legal_moves(s.state, s.role):
            assert why_not(s.state, s.role, move) is None, move
        for kind in legal_kinds(s.state, s.role):
            assert why_not_kind(s.state, s.role, kind) is None

    @invariant()
    def views_leak_nothing(self) -> None:
        s = self.session.state
        reveal = reveal_of(s)
        for seat_id in s.scenario.roles:
            seen = view(s, seat_id)
            mine = set(seen.seat.members)
            assert set(seen.own) == mine
            for event in seen.log:
                assert event.seen_by(seat_id) or event.actor in mine
                numbers = getattr(event, "utilities", {})
                # the documented level rule: a package's worth to the others only when the
                # level reveals their priorities and values (easy); their no-deal values
                # (the utilities of a no-deal ending) and demands never
                if not knows_worth(reveal) or event.kind == "no_deal":
                    assert set(numbers) <= mine, (seat_id, event)
                    if getattr(event, "utility", None) is not None:
                        assert event.actor in mine
                elif event.kind == "agreement":  # a party gone ends on its no-deal value
                    assert set(numbers) - mine <= set(s.sit.at_table), (seat_id, event)
                if event.actor not in mine:
                    assert getattr(event, "aspiration", None) is None, (seat_id, event)
                    assert getattr(event, "expected", None) is None, (seat_id, event)
            heard = {r.red_line for e in seen.log for r in e.reasons if r.red_line}
            if seen.seat.is_mediator:
                heard |= {r for rs in s.revealed_rules.values() for r in rs}
            for stance in seen.stances:
                if stance.party in mine:
                    continue
                if "values" not in reveal:
                    assert stance.values is None
                if "reservation" not in reveal:
                    assert stance.reservation is None
                if "priorities" not in reveal and not seen.seat.is_mediator:
                    assert stance.priorities is None
                if "red_lines" not in reveal:
                    assert {rid for rid, _t, _s in stance.red_lines} <= heard

    def teardown(self) -> None:
        s = getattr(self, "session", None)
        if s is None:
            return
        again = Session.from_plays(s.scenario, s.start_role, list(s.plays), seed=s.seed,
                                   difficulty=s.difficulty, mediator=s.mediator)
        assert [e.model_dump() for e in again.log] == [e.model_dump() for e in s.log]
        assert again.outcome == s.outcome and again.table == s.table
        with tempfile.TemporaryDirectory() as folder:
            loaded = load_save(save_session(s, Path(folder) / "game.json")).session()
        assert [e.model_dump() for e in loaded.log] == [e.model_dump() for e in s.log]
        assert loaded.moves == s.moves and loaded.role == s.role


RandomTable.TestCase.settings = settings(
    max_examples=25, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestRandomTable = pytest.mark.slow(RandomTable.TestCase)


def _others_numbers(seen, mine: set[str]) -> list[tuple[str, object]]:
    """Every number in a view that would tell another party's exact worth of a package."""
    out: list[tuple[str, object]] = []
    for event in seen.log:
        out += [(p, event) for p in getattr(event, "utilities", {}) if p not in mine]
        if getattr(event, "utility", None) is not None and event.actor not in mine:
            out.append((event.actor, event))
    return out


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("level", ["normal", "hard"])
def test_normal_and_hard_never_expose_an_exact_value(name: str, level: str) -> None:
    """Over a game of proposals and answers in each seat, no view at normal or hard holds another
    party's option values, no-deal value or utility of any package, and every estimate of its
    worth is a labelled range, never exact."""
    import random

    from game.engine.views import estimate
    sc = SCENARIOS[name]
    for role in sc.roles:
        rng = random.Random(f"{name}-{level}-{role}")
        s = Session.start(sc, role, seed=rng.randrange(100), difficulty=level)
        assert not knows_worth(reveal_of(s.state))
        for _step in range(12):
            if s.finished:
                break
            for seat_id in sc.roles:
                seen = view(s.state, seat_id)
                mine = set(seen.seat.members)
                assert _others_numbers(seen, mine) == [], (role, seat_id)
                package = {i.id: rng.choice(i.options).id for i in sc.issues}
                for stance in seen.stances:
                    if stance.party in mine:
                        continue
                    assert stance.values is None and stance.reservation is None
                    worth = estimate(seen, sc, stance.party, package)
                    assert not worth.exact and worth.high > worth.low, (seat_id, stance.party)
            kinds = legal_kinds(s.state, s.role)
            if "propose" in kinds or "draft" in kinds:
                package = {i.id: rng.choice(i.options).id for i in sc.issues}
                move: Move = (Propose(package=package) if "propose" in kinds
                              else Draft(package=package))
                if why_not(s.state, s.role, move) is None and rng.random() < 0.6:
                    s.play(move)
                    continue
            s.play(rng.choice(legal_moves(s.state, s.role)))
