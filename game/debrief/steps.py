"""The replay viewer's model, kept apart from Textual: what the table looked like after each move.

Built from a game's record (its scenario, seat, seed and every seat's moves), not from a file:
step 0 is the table before any player move; step k the table after the first k moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from game.debrief.build import role_parties, seats
from game.engine.events import Event
from game.engine.moves_analysis import believed_utility, label_move
from game.engine.situation import Package, situation_at
from game.engine.views import stances

if TYPE_CHECKING:
    from game.engine.moves import Play
    from game.engine.session import Session
    from game.engine.state import TableState
    from game.scenario.models import Scenario


@dataclass(frozen=True)
class PartyView:
    """One party's private utility for the package on the table: believed against true."""

    party: str
    name: str
    believed: float | None  # what the player could estimate (None: could not)
    true: float
    reservation: float
    broken: tuple[str, ...]  # red lines (id: text) of this party the package breaks


@dataclass(frozen=True)
class StepView:
    index: int
    round: int
    title: str  # e.g. "3. round 1 · ukraine proposes"
    entries: tuple[Event, ...]  # the log entries this move produced
    package: dict[str, str] | None  # the package on the table after this move
    package_by: str | None
    label: str | None  # move label of the package against its mover's previous offer
    parties: tuple[PartyView, ...]
    bound: tuple[str, ...]  # red lines named in this step's rejections
    table: tuple[str, ...]  # offers open, one line each


def _move_text(move: object) -> str:
    kind = getattr(move, "kind", "?")
    extra = getattr(move, "party", None) or getattr(move, "step", None)
    offer = getattr(move, "offer", None)
    if offer is not None:
        extra = f"offer #{offer}"
    return kind.replace("_", " ") + (f" ({extra})" if extra else "")


class Record(Protocol):
    """What a game's record holds (a save's data is one)."""

    scenario: Scenario
    role: str
    seed: int
    difficulty: str | None
    mediator: str | None
    plays: list[Play]


class StepsError(ValueError):
    """A record whose moves do not rebuild a game; the message says which move and why."""


class Steps:
    """Every step of a save, from one forward pass over its record: a snapshot of the table
    after each player move, so showing or forking a step never replays the game."""

    def __init__(self, record: Record) -> None:
        from game.engine.session import IllegalMove, Session

        self.data = d = record
        try:
            session = Session.start(d.scenario, d.role, seed=d.seed, difficulty=d.difficulty,
                                    mediator=d.mediator, plays=list(d.plays))
            self._snaps = [session.snapshot()]
            while session.step():
                self._snaps.append(session.snapshot())
        except IllegalMove as err:
            raise StepsError(f"move {len(self._snaps)} does not replay: {err}") from None
        self.count = len(self._snaps)
        self.final = session

    def snapshot(self, k: int) -> TableState:
        return self._snaps[k]

    def fork(self, k: int, role: str | None = None) -> tuple[Session, str | None]:
        """A new game from step k: in the same seat, or in `role` taken exactly at this step
        when the rules allow. Otherwise (the mediator's seat, finished talks) `role` starts
        afresh in the step's round; the second item then says why."""
        from game.engine.legal import seat_refusal
        from game.engine.moves import TakeSeat
        from game.engine.session import Session

        snap = self._snaps[k]
        if role is None or role == snap.role:
            return Session.resume(snap), None
        refusal = seat_refusal(snap, role)
        if refusal is None:
            session = Session.resume(snap)
            session.play(TakeSeat(party=role))
            return session, None
        return afresh(self.data.scenario, role, snap), refusal

    def title(self, k: int) -> str:
        if k == 0:
            return "0. start"
        return f"{k}. R{self._snaps[k].round} {_move_text(self.final.moves[k - 1])}"

    def view(self, k: int) -> StepView:
        scenario = self.data.scenario
        snap = self._snaps[k]
        log = snap.log
        before = len(self._snaps[k - 1].log) if k > 0 else 0
        entries = tuple(log[before:])
        offers = [e for e in log if e.kind in ("offer", "draft") and e.package]
        last = offers[-1] if offers else None
        rnd = snap.round
        sit = situation_at(scenario, min(max(rnd, 0), len(scenario.rounds)),
                           frozenset(f for f in snap.fired if f[0] <= rnd))
        names = {p.id: p.name for p in scenario.parties}
        mine = role_parties(scenario, self.data.role)
        reveal = next(
            (d.reveal for d in scenario.difficulties if d.id == self.final.difficulty),
            scenario.difficulties[0].reveal if scenario.difficulties else [],
        )
        priorities = {st.party: dict(st.priorities) for st in stances(snap, snap.role)
                      if st.priorities}
        parties: list[PartyView] = []
        label = None
        if last is not None:
            pkg: Package = sit.package(dict(last.package or {}))
            for p in sit.table:
                parties.append(PartyView(
                    p.id, p.name,
                    believed_utility(sit, mine, p.id, pkg, reveal, priorities.get(p.id)),
                    p.utility(pkg), p.reservation,
                    tuple(f"{r.id}: {r.text}" for r in p.rules if r.broken_by(pkg)),
                ))
            prev = [e for e in offers[:-1] if e.actor == last.actor]
            before_pkg = sit.package(dict(prev[-1].package or {})) if prev else None
            label = label_move(sit, last.actor, before_pkg, pkg,
                               members=seats(scenario).get(last.actor)).label
        bound = tuple(
            f"{r.red_line} ({names.get(e.actor, e.actor)}): {r.text}"
            for e in entries if e.kind in ("reject", "objection") for r in e.reasons if r.red_line
        )
        table = tuple(
            f"#{o.id} by {o.by}: " + ", ".join(f"{i}={v}" for i, v in o.package.items())
            for o in snap.offers
        )
        return StepView(k, rnd, self.title(k), entries, dict(last.package or {}) if last else None,
                        last.actor if last else None, label, tuple(parties), bound, table)


def afresh(scenario: Scenario, role: str, snap: TableState) -> Session:
    """`role` from the start of the snapshot's round: the same scenario, seed and difficulty,
    passing (EndRound) until that round; the events are the same, the offers start afresh."""
    from game.engine.moves import EndRound
    from game.engine.session import Session

    mediator = None
    if role == "mediator":
        mediator = snap.mediator or next((m.id for m in scenario.mediators), None)
    other = Session.start(scenario, role, seed=snap.seed, difficulty=snap.difficulty,
                          mediator=mediator, book=snap.book)
    while other.round < snap.round and not other.finished and "end_round" in other.legal_moves():
        other.play(EndRound())
    return other


def fork(record: Record, k: int, role: str | None = None) -> Session:
    """A new game from step k of a record (see `Steps.fork`)."""
    return Steps(record).fork(k, role)[0]
