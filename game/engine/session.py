"""A game, as the shells use it: start, play, replay, snapshot.

The table's state lives in `game.engine.state`; the move rules in `game.engine.legal` and
`game.engine.rules`; the computer seats in `game.engine.computer`. A `Session` ties one table to
the computer that plays its other seats, and records every seat's moves (`plays`), so that
`Session.from_plays` rebuilds a game exactly, and `Session.replay` rebuilds one from the player's
moves alone (saves written before every seat's moves were kept).

The same scenario, role, difficulty, seed and moves always give the same log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.book import Book
from game.engine.computer import Computer, Recorded, ReplayMismatch
from game.engine.events import Event
from game.engine.flow import open_round
from game.engine.legal import legal_kinds, seat_refusal
from game.engine.moves import Move, Play, TimeUp
from game.engine.recall import recall
from game.engine.records import IllegalMove, Offer, Outcome, PlayerScore, Stance
from game.engine.rules import apply
from game.engine.seats import HOST, MEDIATOR, Seat, seat_of
from game.engine.situation import Situation
from game.engine.state import TableState
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.views import SeatView

__all__ = [
    "MEDIATOR", "IllegalMove", "Offer", "Outcome", "PlayerScore", "ReplayMismatch", "Session",
    "Stance",
]


def _check(scenario: Scenario, role: str, difficulty: str | None,
           mediator: str | None) -> tuple[str, str | None]:
    """The difficulty and mediator a new game uses; IllegalMove names what is not offered."""
    if role not in scenario.roles:
        raise IllegalMove(f"'{role}' is not a role of scenario '{scenario.id}'; roles: "
                          + ", ".join(scenario.roles))
    levels = [d.id for d in scenario.difficulties]
    difficulty = difficulty or levels[0]
    if difficulty not in levels:
        raise IllegalMove(f"unknown difficulty '{difficulty}'; choose one of: {', '.join(levels)}")
    if role != MEDIATOR:
        return difficulty, None
    ids = [m.id for m in scenario.mediators]
    if not ids:
        raise IllegalMove(f"scenario '{scenario.id}' has no mediator to play")
    mediator = mediator or ids[0]
    if mediator not in ids:
        raise IllegalMove(f"unknown mediator '{mediator}'; choose one of: {', '.join(ids)}")
    return difficulty, mediator


def _check_humans(scenario: Scenario, role: str, humans: tuple[str, ...]) -> str:
    """The seat that moves first at a hosted table; IllegalMove names a seat not offered or
    two seats that speak for one party."""
    taken: dict[str, str] = {}
    for seat in humans:
        if seat not in scenario.roles:
            raise IllegalMove(f"'{seat}' is not a role of scenario '{scenario.id}'; roles: "
                              + ", ".join(scenario.roles))
        for party in {seat, *seat_of(scenario, seat).members}:
            if party in taken:
                raise IllegalMove(f"seats '{taken[party]}' and '{seat}' both speak for "
                                  f"'{party}'")
            taken[party] = seat
    return role if role in humans else humans[0]


class Session:
    """One game. Build with `start`, `replay` or `from_plays`; change only through `play`."""

    def __init__(self, state: TableState, decider: Recorded) -> None:
        self.state = state
        self._decider = decider
        self.student: str | None = None
        """Who plays (a name the shells record in saves and class results; rules never read it)."""
        self.started: str | None = None
        """When the game began (ISO 8601, set by the shell that starts it)."""

    # -- building -------------------------------------------------------------------------------

    @classmethod
    def start(cls, scenario: Scenario, role: str, *, seed: int = 0,
              difficulty: str | None = None, mediator: str | None = None,
              book: Book | None = None, plays: list[Play] | None = None,
              legacy: bool = False, humans: tuple[str, ...] = ()) -> Session:
        """A new game; raises `IllegalMove` naming the role, difficulty or mediator not offered.
        `book` shares compiled rounds between games of one scenario; `plays` is a record whose
        opening computer moves are used in place of live ones (see `from_plays`); `legacy`: the
        computer plays every level as the easiest, as it did when saves of format 2 were made.
        `humans` (a hosted table) names every seat people hold, `role` among them; the computer
        plays the other parties, and each human seat moves with `play_as`."""
        if humans:
            role = _check_humans(scenario, role, humans)
        difficulty, mediator = _check(scenario, MEDIATOR if MEDIATOR in humans else role,
                                      difficulty, mediator)
        book = book if book is not None and book.scenario is scenario else Book(scenario)
        state = TableState(scenario=scenario, role=role, start_role=role, mediator=mediator,
                           difficulty=difficulty, seed=seed, book=book, sit=book.situation(0),
                           humans=tuple(humans))
        med = next((m for m in scenario.mediators if m.id == mediator), None)
        state.credibility = dict(med.credibility) if med else {}
        computer = Computer(scenario, role, seed, book, difficulty, legacy=legacy)
        session = cls(state, Recorded(computer, plays or []))
        open_round(state, session._decider, 1)
        return session

    @classmethod
    def replay(cls, scenario: Scenario, role: str, moves: list[Move], *, seed: int = 0,
               difficulty: str | None = None, mediator: str | None = None,
               book: Book | None = None, legacy: bool = False) -> Session:
        """Rebuild a game from the player's moves alone, the computer deciding live (saves of
        format 2, with `legacy`). `role` is the seat the game began in; a `TakeSeat` moves the
        player."""
        session = cls.start(scenario, role, seed=seed, difficulty=difficulty, mediator=mediator,
                            book=book, legacy=legacy)
        for move in moves:
            session.play(move)
        return session

    @classmethod
    def from_plays(cls, scenario: Scenario, role: str, plays: list[Play], *, seed: int = 0,
                   difficulty: str | None = None, mediator: str | None = None,
                   book: Book | None = None, limit: int | None = None,
                   humans: tuple[str, ...] = ()) -> Session:
        """Rebuild a game from every seat's recorded moves: the record decides for the computer
        seats, so the outcome stands even if the computer players have changed since. `limit`
        stops after that many player moves. Raises `ReplayMismatch` for a record that does not
        fit the game, `IllegalMove` for a player move the rules refuse."""
        session = cls.start(scenario, role, seed=seed, difficulty=difficulty, mediator=mediator,
                            book=book, plays=plays, humans=humans)
        while (limit is None or len(session.moves) < limit) and session.step():
            pass
        return session

    def step(self) -> bool:
        """Play the record's next player move (False: the record is used up)."""
        humans = self.state.humans
        play = self._decider.next_player_play((*humans, HOST) if humans
                                              else (self.state.role,))
        if play is None:
            return False
        if play.seat == HOST:
            self._host(play.move)
        elif humans:
            self._apply_as(play.seat, play.move)
        else:
            self._apply(play.move)
        return True

    def snapshot(self) -> TableState:
        """The table as it stands. Free: a move never changes a state, it makes a new one
        (`game.engine.rules.apply`), so the replay viewer keeps one per step."""
        return self.state

    @classmethod
    def resume(cls, snapshot: TableState) -> Session:
        """Go on playing from a snapshot without replaying the game: the computer seats recall
        what the log shows, as a seat handed over does. A fork is a new game from there."""
        state = snapshot.snapshot()
        computer = Computer(state.scenario, state.role, state.seed, state.book,
                            state.difficulty)
        rules = {r.id: r for p in state.sit.parties.values() for r in p.rules}
        for agent in computer.agents.values():
            recall(agent, state.log, lambda r: state.book.situation(r, state.fired), rules)
        return cls(state, Recorded(computer, []))

    @property
    def moves(self) -> list[Move]:
        """The player's moves so far, in order."""
        return self.state.moves

    # -- playing --------------------------------------------------------------------------------

    def play(self, move: Move) -> list[Event]:
        """Apply one player move; the computer seats answer. Returns the new log entries.
        Raises `IllegalMove` (with a message for the player) when the move is not allowed.
        A game rebuilt from part of a record goes on from here: the rest of the record is
        dropped, and the computer decides live."""
        self._decider.queue.clear()
        return self._apply(move)

    def play_as(self, seat: str, move: Move) -> list[Event]:
        """Hosted table: apply one move by the human seat `seat` (see `play`)."""
        if seat not in self.state.humans:
            raise IllegalMove(f"'{seat}' is not a seat people hold at this table")
        self._decider.queue.clear()
        return self._apply_as(seat, move)

    def time_up(self) -> list[Event]:
        """Hosted table: the host's round clock ran out; the round closes (a `TimeUp` move of
        the host's, recorded like any other, so a replay closes the round at the same point)."""
        self._decider.queue.clear()
        return self._host(TimeUp(round=self.state.round))

    def _host(self, move: Move) -> list[Event]:
        self.state, events = apply(self.state, self._decider, HOST, move)
        return events

    def _apply_as(self, seat: str, move: Move) -> list[Event]:
        """Play for a human seat, then hand the table back to the first one (`start_role`), so
        `role` (what a save and a debrief read) stays one seat between moves."""
        state, events = apply(self.state, self._decider, seat, move)
        self.state = state if state.role == state.start_role else state.acting(state.start_role)
        return events

    def _apply(self, move: Move) -> list[Event]:
        self.state, events = apply(self.state, self._decider, self.state.role, move)
        return events

    # -- what the shells read -------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.state.scenario

    @property
    def book(self) -> Book:
        return self.state.book

    @property
    def role(self) -> str:
        """The seat the player holds now (party id, coalition id or 'mediator')."""
        return self.state.role

    @property
    def start_role(self) -> str:
        """The seat the game began in (what a save stores; forks may change `role`)."""
        return self.state.start_role

    @property
    def seat(self) -> Seat:
        return self.state.seat

    @property
    def mediator(self) -> str | None:
        return self.state.mediator

    @property
    def difficulty(self) -> str:
        return self.state.difficulty

    @property
    def seed(self) -> int:
        return self.state.seed

    @property
    def log(self) -> list[Event]:
        return self.state.log

    @property
    def plays(self) -> list[Play]:
        """Every seat's moves, computer seats included: what a save keeps."""
        return self.state.plays

    @property
    def round(self) -> int:
        """1-based number of the current round."""
        return self.state.round

    @property
    def situation(self) -> Situation:
        """The numbers as of the current round, with the parties still at the table."""
        return self.state.sit

    @property
    def table(self) -> list[Offer]:
        """Offers and drafts open in the current round."""
        return list(self.state.offers)

    @property
    def finished(self) -> bool:
        return self.state.finished

    @property
    def outcome(self) -> Outcome | None:
        return self.state.outcome

    @property
    def credibility(self) -> dict[str, float]:
        """Mediator role: the mediator's credibility with each party (0-1)."""
        return dict(self.state.credibility)

    @property
    def turns_left(self) -> int:
        return self.state.turns_left

    @property
    def caucuses_left(self) -> int:
        return self.state.caucuses_left

    def trust(self, a: str, b: str) -> float:
        return self.state.trust(a, b)

    def demand(self, party: str) -> float:
        """The least a party at the table accepts now (reservation plus mistrust premium)."""
        return self.state.floor(party)

    def strategy_of(self, party: str) -> str:
        """How the computer plays `party`, in plain words (for the debrief and the help)."""
        return self._decider.computer.strategy_of(party)

    def player_parties(self) -> list[str]:
        """The parties whose interests the player's seat carries (none for the mediator)."""
        return list(self.state.seat.members)

    def view(self) -> SeatView:
        """Everything the player's seat may know now (see `game.engine.views`)."""
        from game.engine.views import view

        return view(self.state, self.state.role)

    def stances(self) -> list[Stance]:
        """What the player may know of each other party (difficulty, caucuses, answers)."""
        from game.engine.views import stances

        return stances(self.state, self.state.role)

    def legal_moves(self) -> list[str]:
        """The kinds of move the player may make now (e.g. ['propose', 'accept', ...])."""
        return legal_kinds(self.state, self.state.role)

    def seat_refusal(self, seat: str) -> str | None:
        """Why the player may not take `seat` now (None: it may)."""
        return seat_refusal(self.state, seat)
