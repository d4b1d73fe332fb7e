"""The replay viewer's model, kept apart from Textual: what the table looked like after each move.

Built from a game's record (its scenario, seat, seed and every seat's moves), not from a file:
step 0 is the table before any player move; step k the table after the first k moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from game.debrief.build import guess_rows, role_parties, seats
from game.engine.events import Event
from game.engine.moves import Conditional, Reply
from game.engine.moves_analysis import label_move
from game.engine.seats import name_of
from game.engine.situation import Package, situation_at
from game.engine.views import estimate, view

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
    believed: float | None  # the number the seat knew (its own parties, or all revealed)
    true: float
    reservation: float
    broken: tuple[str, ...]  # red lines (id: text) of this party the package breaks
    estimate: tuple[float, float] | None = None
    """When the seat could not know the number: its estimate from its view then, a range
    (`game.engine.views.estimate`); never a guess made from the seat's own values."""


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
    guesses: tuple[str, ...] = ()  # the player's latest guess of each party, against the truth


def _move_text(move: object) -> str:
    kind = getattr(move, "kind", "?")
    extra = getattr(move, "party", None) or getattr(move, "step", None)
    offer = getattr(move, "offer", None)
    if offer is not None:
        extra = f"offer #{offer}"
    if isinstance(move, Conditional):  # "if you accept ask, we accept give"
        ask, give = (",".join(f"{i}={o}" for i, o in side.items())
                     for side in (move.ask, move.give))
        extra = f"to {move.to}: {ask} for {give}"
    elif isinstance(move, Reply):
        extra = f"#{move.conditional}: {'yes' if move.accept else 'no'}"
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
        self._snaps: list[TableState] = []
        try:  # a hosted table's record names the seats people held (`humans`)
            session = Session.start(d.scenario, d.role, seed=d.seed, difficulty=d.difficulty,
                                    mediator=d.mediator, plays=list(d.plays),
                                    humans=tuple(getattr(d, "humans", ()) or ()))
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

    def played_in(self, k: int) -> int:
        """The round step k's move was played in: the table's round before the move (an
        'end round' move leaves the table in the next round)."""
        return self._snaps[max(k - 1, 0)].round

    def title(self, k: int) -> str:
        if k == 0:
            return "0. start"
        return f"{k}. R{self.played_in(k)} {_move_text(self.final.moves[k - 1])}"

    def view(self, k: int) -> StepView:
        scenario = self.data.scenario
        snap = self._snaps[k]
        log = snap.log
        before = len(self._snaps[k - 1].log) if k > 0 else 0
        entries = tuple(log[before:])
        offers = [e for e in log if e.kind in ("offer", "draft") and e.package]
        last = offers[-1] if offers else None
        rnd = self.played_in(k)
        names = {p.id: p.name for p in scenario.parties}
        mine = role_parties(scenario, snap.role)
        seen = view(snap, snap.role)
        parties: list[PartyView] = []
        label = None
        if last is not None:
            # the package as the table saw it when tabled: the numbers of its own round
            sit = situation_at(scenario, min(max(last.round, 0), len(scenario.rounds)),
                               frozenset(f for f in snap.fired if f[0] <= last.round))
            pkg: Package = sit.package(dict(last.package or {}))
            for p in sit.table:
                believed: float | None = p.utility(pkg) if p.id in mine else None
                guess = None
                if p.id not in mine:
                    est = estimate(seen, scenario, p.id, dict(last.package or {}))
                    believed, guess = (est.low, None) if est.exact else (None,
                                                                         (est.low, est.high))
                parties.append(PartyView(
                    p.id, p.name, believed, p.utility(pkg), p.reservation,
                    tuple(f"{r.id}: {r.text}" for r in p.rules if r.broken_by(pkg)), guess,
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
            f"#{o.id} by {name_of(scenario, o.by, snap.mediator)}: "
            + package_labels(scenario, o.package) for o in snap.offers
        )
        return StepView(k, rnd, self.title(k), entries, dict(last.package or {}) if last else None,
                        last.actor if last else None, label, tuple(parties), bound, table,
                        self._guesses(snap))

    def _guesses(self, snap: TableState) -> tuple[str, ...]:
        """The player's latest recorded guess of each party so far, set against the truth of
        the round it was made in (what the replay's 'believed' means for a student's guess)."""
        scenario = self.data.scenario
        rows = guess_rows(scenario, snap.log, lambda r: situation_at(
            scenario, r, frozenset(f for f in snap.fired if f[0] <= r)))
        latest = {g.party: g for g in rows}
        return tuple(f"{name_of(scenario, g.party, snap.mediator)} (round {g.round}): top issue "
                     f"{g.top_guess}, truly {g.top_true}; no deal {g.reservation_guess:.2f}, "
                     f"truly {g.reservation_true:.2f}" for g in latest.values())


def package_labels(scenario: Scenario, package: dict[str, str]) -> str:
    """A package in the scenario's words ("Ceasefire: Immediate ceasefire; ..."), not its ids."""
    out = []
    for issue in scenario.issues:
        if issue.id in package:
            label = next((o.label for o in issue.options if o.id == package[issue.id]),
                         package[issue.id])
            out.append(f"{issue.title}: {label}")
    return "; ".join(out)


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
