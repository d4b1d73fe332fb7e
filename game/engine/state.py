"""The table's state: everything the rules read and change, and the numbers derived from it.

The state is plain data with no computer players in it (they live in `game.engine.computer`),
so a snapshot is a shallow copy of a few containers and the replay viewer keeps one per step.
The rules (`game.engine.rules`, `game.engine.flow`, `game.engine.mediation`) are the only
writers; every other reader takes a snapshot or a seat's view.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from game.engine.book import Book
from game.engine.events import Event
from game.engine.moves import Move, Play
from game.engine.records import Offer, Outcome, Pledge
from game.engine.seats import MEDIATOR, Seat, name_of, seat_of
from game.engine.situation import EventKey, Package, Situation
from game.scenario.models import Scenario


@dataclass
class TableState:
    """One game's table. Build with `game.engine.session.Session.start`."""

    scenario: Scenario
    role: str
    """The seat the player holds now: a party, coalition, or 'mediator'."""
    start_role: str
    mediator: str | None
    difficulty: str
    seed: int
    book: Book
    """The scenario compiled round by round (shared by games played on one scenario)."""
    sit: Situation
    """The numbers as of the current round, with only the parties still at the table."""
    round: int = 0
    log: list[Event] = field(default_factory=list)
    plays: list[Play] = field(default_factory=list)
    """Every seat's moves in order, computer seats included: the authoritative record."""
    moves: list[Move] = field(default_factory=list)
    """The player's moves alone (the steps of the replay viewer)."""
    walked: list[str] = field(default_factory=list)
    hopeless: dict[str, int] = field(default_factory=dict)
    trust_extra: dict[frozenset[str], float] = field(default_factory=dict)
    offers: list[Offer] = field(default_factory=list)
    accepts: dict[int, list[str]] = field(default_factory=dict)
    pkgs: dict[int, Package] = field(default_factory=dict)
    next_offer: int = 1
    turns: int = 0
    turn_base: int = 0
    gestured: bool = False
    caucuses: int = 0
    credibility: dict[str, float] = field(default_factory=dict)
    revealed_rules: dict[str, list[str]] = field(default_factory=dict)
    revealed_priorities: list[str] = field(default_factory=list)
    draft_accepts: list[int] = field(default_factory=list)
    fired: frozenset[EventKey] = frozenset()
    """Conditional scenario events that happened in this game (`game.engine.triggers`)."""
    pledges: list[Pledge] = field(default_factory=list)
    """Conditional offers made in this game, answered or not (`game.engine.conditionals`)."""
    finished: bool = False
    outcome: Outcome | None = None
    humans: tuple[str, ...] = ()
    """A hosted table's seats held by people (empty: the one player at `role`). The rules act
    for whichever of them moves: `acting` makes that seat the `role` for the move."""
    turns_of: dict[str, int] = field(default_factory=dict)
    """Hosted table: offers each human seat made this round (each has the round's quota)."""
    ended: list[str] = field(default_factory=list)
    """Hosted table: human seats that have ended the round (it closes when all have)."""

    # -- snapshots --------------------------------------------------------------------------------

    def snapshot(self) -> TableState:
        """An independent copy: containers copied one level down (their items are immutable)."""
        out = copy.copy(self)
        for name, value in vars(self).items():
            if isinstance(value, list):
                setattr(out, name, list(value))
            elif isinstance(value, dict):
                setattr(out, name, {k: list(v) if isinstance(v, list) else v
                                    for k, v in value.items()})
        return out

    # -- seats ----------------------------------------------------------------------------------

    @property
    def seat(self) -> Seat:
        """The player's seat now."""
        return seat_of(self.scenario, self.role, self.mediator)

    def name(self, actor: str) -> str:
        return name_of(self.scenario, actor, self.mediator)

    @property
    def members(self) -> tuple[str, ...]:
        """The coalition members of the player's seat (empty for a party or the mediator)."""
        seat = self.seat
        return seat.members if seat.kind == "coalition" else ()

    def acting(self, seat: str) -> TableState:
        """Hosted table: a copy in which the human seat `seat` is the one moving (its own
        offers this round counted), so every rule written for the player applies to it."""
        out = self.snapshot()
        out.role, out.turns, out.turn_base = seat, self.turns_of.get(seat, 0), 0
        return out

    def human_parties(self) -> set[str]:
        """The parties people speak for: the player's seat, or every human seat's members."""
        seats = self.humans or (self.role,)
        return {p for h in seats for p in (h, *seat_of(self.scenario, h, self.mediator).members)}

    def human_seats_left(self) -> list[str]:
        """Human party seats still at the table (the player's alone in a solo game)."""
        seats = self.humans or (self.role,)
        return [h for h in seats if h != MEDIATOR and h not in self.walked]

    def computer_seats(self) -> list[str]:
        """Parties at the table played by the computer, which table and answer on their own."""
        if self.humans:
            people = self.human_parties()
            return [p for p in self.sit.at_table if p not in people]
        return [p for p in self.sit.at_table if p != self.role and p not in self.members]

    def responders(self, by: str) -> list[str]:
        return [p for p in self.computer_seats() if p != by]

    def others_of(self, party: str) -> list[str]:
        """The seats a computer party must win over (the player's seat counts as one)."""
        seats = [s for s in self.computer_seats() if s != party]
        seats.extend(self.human_seats_left())
        return seats

    # -- numbers --------------------------------------------------------------------------------

    @property
    def turns_left(self) -> int:
        """Offers (or drafts) the player may still make this round."""
        return max(0, self.scenario.rules.turns_per_round - (self.turns - self.turn_base))

    @property
    def caucuses_left(self) -> int:
        return max(0, self.scenario.rules.caucuses_per_round - self.caucuses)

    def trust(self, a: str, b: str) -> float:
        """Trust between two parties now: the scenario's figure plus confidence steps taken."""
        key = frozenset((a, b))
        return min(1.0, max(0.0, self.sit.trust_between(a, b) + self.trust_extra.get(key, 0.0)))

    def floor(self, party: str) -> float:
        """The least a party accepts now: its reservation value raised by the mistrust premium
        (Rules.mistrust_premium x (1 - its mean trust in the others at the table))."""
        others = [p for p in self.sit.at_table if p != party]
        trust = sum(self.trust(party, o) for o in others) / len(others) if others else 1.0
        state = self.sit.parties[party]
        return min(1.0, state.reservation + self.scenario.rules.mistrust_premium * (1 - trust))

    def progress(self) -> float:
        """How far the talks have gone, 0-1, counting the player's offers within the round."""
        per = self.scenario.rules.turns_per_round
        return ((self.round - 1) + min(self.turns, per) / per) / len(self.scenario.rounds)

    def table_too_small(self) -> bool:
        seats = set(self.computer_seats()) | set(self.human_seats_left())
        if self.role != MEDIATOR and not self.humans:
            seats.add(self.role)
        # the moving seat's coalition gone ends the talks, unless the seat itself walked out
        # (a hosted table goes on without it; its parties left with it)
        coalition_gone = bool(self.members) and self.role not in self.walked and not any(
            m in self.sit.at_table for m in self.members)
        return len(seats) < 2 or coalition_gone

    def named_rules(self, party: str) -> set[str]:
        """Red-line ids of `party` the player has heard: named in answers or in a caucus."""
        named = set(self.revealed_rules.get(party, []))
        for e in self.log:
            if e.actor == party:
                named.update(r.red_line for r in e.reasons if r.red_line)
        return named
