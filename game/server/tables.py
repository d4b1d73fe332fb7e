"""The authoritative tables: who holds each seat, the session behind it, and its record.

A seat is held by a student (a claim with a secret token), by the computer (any party seat
nobody holds once the table starts: the engine plays it with the scenario's strategy), or by
nobody yet. Every move goes through the core (`Session.play_as`, which asks
`game.engine.legal.why_not`), and every new play is appended to the store before anyone hears
of it, so a restarted server rebuilds the table exactly.
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field

from game.engine.book import Book
from game.engine.events import Event
from game.engine.legal import legal_kinds
from game.engine.moves import Move
from game.engine.records import IllegalMove
from game.engine.seats import MEDIATOR
from game.engine.session import Session
from game.engine.views import view, visible_log
from game.scenario.models import Scenario
from game.server.clock import RoundClock, check_minutes
from game.server.store import Claim, Store, TableRow
from game.server.watch import talk_fields, without_score

CODE_LETTERS = "ACDEFHJKMNPRTVWXY"
"""Join-code letters: no look-alikes (B/8, G/6, I/L/1, O/Q/0, S/5, U/V kept apart, Z/2)."""
CODE_LENGTH = 5


class Refused(Exception):
    """A request the table turns down; the message is for the person who sent it."""


def new_code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def default_seats(scenario: Scenario) -> tuple[str, ...]:
    """The seats a student may take when the host names none: every party or coalition role
    (the mediator's seat only when asked for, since the computer never plays a mediator)."""
    return tuple(r for r in scenario.roles if r != MEDIATOR)


@dataclass
class Table:
    """One hosted table. Build with `Table.open` (new) or `Table.restore` (from the store)."""

    store: Store
    row: TableRow
    scenario: Scenario
    claims: dict[str, Claim] = field(default_factory=dict)
    session: Session | None = None
    saved: int = 0
    """How many of the session's plays are in the store."""
    _logs: dict[str, tuple[int, list[Event]]] = field(default_factory=dict)
    clock: RoundClock | None = None
    """The host's round clock (None: rounds end when every seat ends them)."""

    @classmethod
    def restore(cls, store: Store, row: TableRow) -> Table:
        scenario, book = _scenario_book(row.scenario)
        table = cls(store, row, scenario, {c.seat: c for c in store.claims(row.id)})
        if row.humans is not None:
            plays = store.plays(row.id)
            table.session = Session.from_plays(
                scenario, row.humans[0], plays, seed=row.seed, difficulty=row.difficulty,
                mediator=row.mediator, humans=row.humans, book=book)
            table.saved = len(plays)
        minutes = store.meta(f"clock:{row.code}")
        if minutes:
            table.set_clock(float(minutes), keep=False)
        return table

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def started(self) -> bool:
        return self.session is not None

    @property
    def finished(self) -> bool:
        return self.session is not None and self.session.finished

    # -- seats ----------------------------------------------------------------------------------

    def join(self, seat: str | None, name: str) -> Claim:
        """Take `seat` (or the first free one) for a student; the claim's token brings the
        student back to it."""
        free = [s for s in self.row.seats if s not in self.claims]
        if seat is None:
            if not free:
                raise Refused(f"every seat at table {self.code} is taken")
            seat = free[0]
        if seat not in self.row.seats:
            raise Refused(f"'{seat}' is not a seat at table {self.code}; seats: "
                          + ", ".join(self.row.seats))
        if seat in self.claims:
            raise Refused(f"the seat '{seat}' is taken; free seats: "
                          + (", ".join(free) or "none"))
        if self.started:
            raise Refused("the table has started: the computer plays the seats left")
        claim = Claim(seat, secrets.token_urlsafe(18), name or seat)
        self.store.claim(self.row.id, claim)
        self.claims[seat] = claim
        return claim

    def rejoin(self, token: str) -> Claim:
        for claim in self.claims.values():
            if secrets.compare_digest(claim.token, token):
                return claim
        raise Refused(f"that seat token is not one of table {self.code}'s")

    def full(self) -> bool:
        return all(s in self.claims for s in self.row.seats)

    def start(self) -> None:
        """Begin: the seats held go to their students, every other party to the computer."""
        if self.started:
            return
        humans = tuple(s for s in self.row.seats if s in self.claims)
        if not humans:
            raise Refused("nobody has taken a seat yet")
        self.session = Session.start(self.scenario, humans[0], seed=self.row.seed,
                                     difficulty=self.row.difficulty,
                                     mediator=self.row.mediator, humans=humans,
                                     book=_scenario_book(self.row.scenario)[1])
        self.store.start(self.row.id, humans)
        self.row = TableRow(**{**vars(self.row), "humans": humans})
        self._persist()
        self._track()

    # -- the round clock -------------------------------------------------------------------------

    def set_clock(self, minutes: float | None, *, keep: bool = True) -> None:
        """Give every round `minutes` (None: no clock); `keep` stores it, so a restarted server
        keeps the clock. The current round's countdown starts now."""
        if minutes is not None and (problem := check_minutes(minutes)):
            raise Refused(problem)
        self.clock = None if minutes is None else RoundClock(minutes)
        if keep:
            self.store.set_meta(f"clock:{self.code}", "" if minutes is None else repr(minutes))
        self._track()

    def _track(self) -> None:
        if self.clock is not None and self.session is not None and not self.session.finished:
            self.clock.track(self.session.round)

    def time_up(self) -> bool:
        """The clock ran out: the host's `TimeUp` move closes the round, through the core and
        into the store. False when there was nothing to close."""
        if self.clock is None or self.session is None or self.session.finished \
                or not self.clock.due():
            return False
        try:
            self.session.time_up()
        except IllegalMove:
            return False
        self._persist()
        return True

    # -- moves ----------------------------------------------------------------------------------

    def play(self, seat: str, move: Move) -> None:
        """Apply a student's move through the core; `Refused` gives the engine's reason."""
        if self.session is None:
            raise Refused("the table has not started yet: waiting for "
                          + ", ".join(s for s in self.row.seats if s not in self.claims))
        try:
            self.session.play_as(seat, move)
        except IllegalMove as err:
            raise Refused(str(err)) from None
        self._persist()

    def _persist(self) -> None:
        assert self.session is not None
        plays = self.session.plays
        if len(plays) > self.saved:
            self.store.append_plays(self.row.id, self.saved, list(plays[self.saved:]))
            self.saved = len(plays)
        self._track()

    # -- what a seat may read -------------------------------------------------------------------

    def seat_state(self, seat: str, log_start: int = 0) -> dict[str, object]:
        """What `seat` may know now, as JSON-ready data: its view (`game.engine.views.view`),
        what it may do, and who the table waits for. Nothing else leaves the server. The log
        is sent from entry `log_start` on (a seat's log only grows), `log_size` long in all."""
        base: dict[str, object] = {
            "code": self.code, "seat": seat, "started": self.started,
            "waiting_for": [s for s in self.row.seats if s not in self.claims],
        }
        if self.session is None:
            return base
        state = self.session.state
        acting = state.acting(seat) if seat != state.role else state
        seen = copy.copy(state)  # the table with the seat's log alone: the same view, faster
        seen.log = self._seat_log(seat)
        v = view(seen, seat)
        outcome = state.outcome
        base.update({
            "round": v.round, "rounds": len(self.scenario.rounds), "finished": v.finished,
            "at_table": list(state.sit.at_table), "mediator": state.mediator,
            "legal": legal_kinds(acting, seat), "turns_left": acting.turns_left,
            "ended_round": list(state.ended), "moves": len(state.moves),
            "own": {p: _party(self.scenario, p, ps, acting.floor(p))
                    for p, ps in v.own.items()},
            "stances": [_stance(st) for st in v.stances],
            "offers": [{"id": o.id, "by": o.by, "round": o.round, "package": o.package,
                        "kind": o.kind} for o in v.offers],
            "log_start": log_start, "log_size": len(v.log),
            "log": [without_score(e.model_dump(mode="json")) for e in v.log[log_start:]],
            "credibility": v.credibility,
            "outcome": None if outcome is None or not v.finished else {
                "agreement": outcome.agreement, "package": outcome.package,
                "utilities": {p: u for p, u in outcome.utilities.items() if p in v.own},
            },
            **talk_fields(self, state, seat),
        })
        return base

    def _seat_log(self, seat: str) -> list[Event]:
        """The events `seat` may see, redacted (`game.engine.views.visible_log`), kept between
        states: the log only grows, so each entry is filtered and redacted once per seat.
        Viewing this log again gives the same events (redaction is idempotent) without a copy
        of every event on every move."""
        assert self.session is not None
        log = self.session.state.log
        upto, events = self._logs.get(seat, (0, []))
        if upto < len(log):
            part = copy.copy(self.session.state)
            part.log = log[upto:]
            events = events + visible_log(part, seat)
            self._logs[seat] = (len(log), events)
        return events

    def summary(self) -> dict[str, object]:
        """One line of the instructor's list (`GET /api/tables`)."""
        s = self.session
        moves: dict[str, int] = {}
        if s is not None:
            for h in s.state.humans:
                moves[h] = sum(1 for p in s.plays if p.seat == h)
        outcome = s.outcome if s is not None else None
        return {
            "code": self.code, "scenario": self.scenario.id, "seats": list(self.row.seats),
            "taken": {seat: c.name for seat, c in self.claims.items()},
            "started": self.started, "round": s.round if s else 0,
            "finished": bool(s and s.finished),
            "agreement": bool(outcome and outcome.agreement),
            "deal": outcome.package if outcome else None, "moves_by_seat": moves,
            "plays": len(s.plays) if s else 0,
            "clock": self.clock.as_json() if self.clock is not None else None,
        }


_BOOKS: dict[str, tuple[Scenario, Book]] = {}
"""Tables of one scenario share its parsed model and compiled book (the computer's search
spaces), as `redlines serve`'s games do: one copy per scenario, not per table."""


def _scenario_book(text: str) -> tuple[Scenario, Book]:
    hit = _BOOKS.get(text)
    if hit is None:
        scenario = Scenario.model_validate_json(text)
        hit = _BOOKS[text] = (scenario, Book(scenario))
    return hit


def _party(scenario: Scenario, party: str, ps: object, demand: float) -> dict[str, object]:
    """A seat's own confidential numbers and brief (sent to that seat alone)."""
    from game.engine.situation import PartyState

    assert isinstance(ps, PartyState)
    spec = next(p for p in scenario.parties if p.id == party)
    issues = [i.id for i in scenario.issues]
    return {
        "name": spec.name, "brief": spec.brief,
        "reservation": ps.reservation, "demand": demand,
        "weights": dict(zip(issues, ps.weights, strict=True)),
        "values": {issue: dict(zip([o.id for o in i.options], ps.values[n], strict=True))
                   for n, (issue, i) in enumerate(zip(issues, scenario.issues, strict=True))},
        "red_lines": [{"id": r.id, "text": r.text} for r in ps.rules],
    }


def _stance(st: object) -> dict[str, object]:
    from game.engine.records import Stance

    assert isinstance(st, Stance)
    return {
        "party": st.party, "name": st.name,
        "positions": [{"text": t, "sources": s} for t, s in st.positions],
        "red_lines": [{"id": i, "text": t, "sources": s} for i, t, s in st.red_lines],
        "priorities": st.priorities, "values": st.values, "reservation": st.reservation,
        "last_answer": st.last_answer.model_dump(mode="json") if st.last_answer else None,
    }
