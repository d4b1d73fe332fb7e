"""Seats: where a player sits at the table, and the one place a coalition's interests are summed.

A seat is a party, a coalition of parties (which must all consent to what it tables or accepts),
or a mediator (who speaks for no party). Scorecards, computer players, labels and exports all ask a
`Seat` which parties it speaks for, what a package is worth to it and what it is called, so a
coalition's aggregate is written once: the plain mean of its members' utilities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from game.engine.situation import Package, PartyState, Situation
from game.scenario.models import Scenario

MEDIATOR = "mediator"
"""The role id of the mediator's seat (which mediator sits there is chosen at the start)."""
SCENARIO = "scenario"
"""The actor id of what the scenario itself does: rounds opening, events, the end of the talks."""
HOST = "host"
"""The seat of a hosted table's host in the record: the round clock's moves (`TimeUp`)."""

SeatKind = Literal["party", "coalition", "mediator"]


@dataclass(frozen=True)
class Seat:
    """One seat: its role id, display name, kind, and the parties whose interests it carries."""

    id: str
    name: str
    kind: SeatKind
    members: tuple[str, ...]
    """Parties the seat speaks for: itself, a coalition's members, none for a mediator."""

    @property
    def is_mediator(self) -> bool:
        return self.kind == "mediator"

    def utility(self, sit: Situation, package: Package) -> float:
        """What the package is worth to the seat: its party's utility or its members' mean."""
        return mean(sit.parties[p].utility(package) for p in self.members)

    def reservation(self, sit: Situation) -> float:
        """What no deal is worth to the seat, aggregated as `utility` is."""
        return mean(sit.parties[p].reservation for p in self.members)

    def as_party(self, sit: Situation) -> PartyState:
        """The seat as one party (for a player bot): its party's state, or the members' mean
        weights and values, every member's red lines, and the mean reservation value. Its
        utility equals `utility` for every package."""
        states = [sit.parties[m] for m in self.members]
        if len(states) == 1:
            return states[0]
        n = len(states)
        weights, values = [], []
        for i in range(len(sit.issue_ids)):
            w = sum(s.weights[i] for s in states) / n
            weights.append(w)
            values.append(tuple(
                (sum(s.weights[i] * s.values[i][o] for s in states) / (n * w)) if w > 0 else 0.0
                for o in range(len(sit.option_ids[i]))
            ))
        rules = tuple(r for s in states for r in s.rules)
        return PartyState(self.id, self.name, tuple(weights), tuple(values),
                          self.reservation(sit), rules)

    def aggregate(self, utilities: dict[str, float]) -> float:
        """The seat's figure from per-party figures (utilities, reservations, estimates)."""
        return mean(utilities[p] for p in self.members)


def mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def seat_of(scenario: Scenario, role: str, mediator: str | None = None) -> Seat:
    """The seat of `role` (a party, coalition or 'mediator'); KeyError names an unknown role."""
    if role == MEDIATOR:
        med = next((m for m in scenario.mediators if m.id == mediator), None)
        if med is None and scenario.mediators and mediator is None:
            med = scenario.mediators[0]
        return Seat(MEDIATOR, med.name if med else "Mediator", "mediator", ())
    for c in scenario.coalitions:
        if c.id == role:
            return Seat(c.id, c.name, "coalition", tuple(c.members))
    for p in scenario.parties:
        if p.id == role:
            return Seat(p.id, p.name, "party", (p.id,))
    raise KeyError(role)


def party_seats(scenario: Scenario) -> tuple[Seat, ...]:
    """Every party's own seat, in the scenario's order (computer parties sit in these)."""
    return tuple(Seat(p.id, p.name, "party", (p.id,)) for p in scenario.parties)


def name_of(scenario: Scenario, actor: str, mediator: str | None = None) -> str:
    """Display name of a party, coalition, mediator, or the scenario itself."""
    if actor == MEDIATOR:
        med = next((m for m in scenario.mediators if m.id == mediator), None)
        return med.name if med else "Mediator"
    for group in (scenario.parties, scenario.coalitions, scenario.mediators):
        for item in group:
            if item.id == actor:
                return item.name
    return "Events" if actor == SCENARIO else actor


def speaks_for(scenario: Scenario, role: str) -> tuple[str, ...]:
    """The parties a role or actor speaks for: itself, a coalition's members, none (mediator)."""
    if role == MEDIATOR or any(m.id == role for m in scenario.mediators):
        return ()
    try:
        return seat_of(scenario, role).members
    except KeyError:
        return ()
