"""What a seat knows: its own confidential numbers, the public record, and what was revealed to it.

`view(state, seat)` is everything a shell or a player at that seat may read. It never holds
another party's weights, values, reservation value or red lines the seat has not heard, unless
the scenario's difficulty reveals them; events another seat may not see are left out, and the
private numbers of the events kept are dropped (`Event.redacted`).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.events import ANSWERS, Event
from game.engine.records import Offer, Stance
from game.engine.seats import Seat, seat_of
from game.engine.situation import PartyState
from game.engine.state import TableState


@dataclass(frozen=True)
class SeatView:
    """One seat's knowledge of the table."""

    seat: Seat
    round: int
    finished: bool
    own: dict[str, PartyState]
    """The confidential numbers of the parties the seat speaks for (none for a mediator)."""
    stances: list[Stance]
    """What the seat knows of every other party."""
    log: list[Event]
    offers: list[Offer]
    credibility: dict[str, float]
    """The mediator's credibility with each party (the mediator's seat only)."""


def reveal_of(s: TableState) -> list[str]:
    return list(next(d.reveal for d in s.scenario.difficulties if d.id == s.difficulty))


def visible_log(s: TableState, seat_id: str) -> list[Event]:
    """The events `seat_id` may see, each without the numbers it may not know."""
    seat = seat_of(s.scenario, seat_id, s.mediator)
    keep = frozenset(seat.members) | (frozenset() if "values" not in reveal_of(s)
                                      else frozenset(s.sit.parties))
    return [e.redacted(keep) for e in s.log if e.seen_by(seat_id) or e.actor in seat.members]


def stances(s: TableState, seat_id: str) -> list[Stance]:
    """What `seat_id` may know of each other party (difficulty, caucuses, answers)."""
    reveal = reveal_of(s)
    seat = seat_of(s.scenario, seat_id, s.mediator)
    log = visible_log(s, seat_id)
    out = []
    for party in s.scenario.parties:
        if party.id == seat_id or party.id not in s.sit.at_table:
            continue  # a party away from the table (not yet come, or gone) has no stance here
        own_side = party.id in seat.members
        state = s.sit.parties[party.id]
        named = _heard(s, log, party.id, seat.is_mediator)
        rules = [(r.id, r.text, list(r.sources)) for r in state.rules
                 if own_side or "red_lines" in reveal or r.id in named]
        show_w = (own_side or "priorities" in reveal
                  or (party.id in s.revealed_priorities and seat.is_mediator))
        priorities = dict(zip(s.sit.issue_ids, state.weights, strict=True)) if show_w else None
        last = next((e for e in reversed(log) if e.actor == party.id and e.kind in ANSWERS),
                    None)
        values = None
        if own_side or "values" in reveal:
            values = {issue: dict(zip(s.sit.option_ids[i], state.values[i], strict=True))
                      for i, issue in enumerate(s.sit.issue_ids)}
        reservation = state.reservation if own_side or "reservation" in reveal else None
        out.append(Stance(party.id, party.name,
                          [(c.text, list(c.sources)) for c in party.public_positions],
                          rules, priorities, last, values, reservation))
    return out


def _heard(s: TableState, log: list[Event], party: str, caucus: bool = True) -> set[str]:
    """Red-line ids of `party` named in what the seat saw (and, for the mediator who met it,
    named in a caucus)."""
    named = {r.red_line for e in log if e.actor == party for r in e.reasons if r.red_line}
    if caucus:
        named |= set(s.revealed_rules.get(party, []))
    return named


def view(s: TableState, seat_id: str) -> SeatView:
    """Everything the seat `seat_id` may know now."""
    seat = seat_of(s.scenario, seat_id, s.mediator)
    return SeatView(
        seat=seat, round=s.round, finished=s.finished,
        own={p: s.sit.parties[p] for p in seat.members},
        stances=stances(s, seat_id), log=visible_log(s, seat_id), offers=list(s.offers),
        credibility=dict(s.credibility) if seat.is_mediator else {},
    )
