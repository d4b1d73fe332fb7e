"""What a seat knows: its own confidential numbers, the public record, and what was revealed to it.

`view(state, seat)` is everything a shell or a player at that seat may read. It never holds
another party's weights, values, reservation value or red lines the seat has not heard, unless
the scenario's difficulty reveals them; events another seat may not see are left out, and the
private numbers of the events kept are dropped (`Event.redacted`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.engine.events import ANSWERS, Ended, Event
from game.engine.records import Offer, Stance
from game.engine.scoring import at_least
from game.engine.seats import Seat, seat_of, speaks_for
from game.engine.situation import PartyState
from game.engine.state import TableState
from game.scenario.models import Scenario


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
    reveal: tuple[str, ...] = ()
    """What the difficulty reveals of every party ("red_lines", "priorities", ...): public,
    and what tells a screen that a red line not shown may be hidden rather than absent."""


def reveal_of(s: TableState) -> list[str]:
    return list(next(d.reveal for d in s.scenario.difficulties if d.id == s.difficulty))


def visible_log(s: TableState, seat_id: str) -> list[Event]:
    """The events `seat_id` may see, each without the numbers it may not know."""
    seat = seat_of(s.scenario, seat_id, s.mediator)
    keep = frozenset(seat.members)
    worth = frozenset(s.sit.parties) if knows_worth(reveal_of(s)) else frozenset()
    # the ending's number for a party no longer at the table is its no-deal value, not a
    # package's worth (`final_outcome`); the ending is the last event, so `s.sit` is its table
    stayed = worth & frozenset(s.sit.at_table)
    return [e.redacted(keep, stayed if isinstance(e, Ended) else worth) for e in s.log
            if e.seen_by(seat_id) or e.actor in seat.members]


def knows_worth(reveal: list[str] | tuple[str, ...]) -> bool:
    """Whether the level lets a seat know what a package is worth to every other party: its
    priorities and its option values both revealed (easy, by default). The log may then keep
    the others' utilities of packages, which the seat could work out from their stances anyway;
    their no-deal values and demands stay hidden unless revealed on their own."""
    return "values" in reveal and "priorities" in reveal


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
        reveal=tuple(reveal_of(s)),
    )



@dataclass(frozen=True)
class Estimate:
    """What a package is worth to another party as one seat can know it: a range, exact (low
    equal to high) only when the difficulty reveals that party's priorities and values.

    The range is a game assumption made from the seat's view alone, never from the hidden
    numbers: an option's value is unknown (anywhere from 0 to 1) unless the values are
    revealed, or the latest proposal the seat saw the party table chose that option (then it
    is taken to be worth at least `ASKED_FOR` to it); issues weigh the same unless its
    priorities are known (revealed by the difficulty, or to a mediator in caucus)."""

    party: str
    low: float
    high: float
    exact: bool
    reservation: float | None
    """Its no-deal value, when the difficulty reveals it."""


ASKED_FOR = 0.5
"""Game assumption: an option a party proposed itself is worth at least this much to it."""


def own_proposal(v: SeatView, scenario: Scenario, party: str) -> dict[str, str]:
    """The latest package the seat saw `party` table, alone or in a coalition seat."""
    for e in reversed(v.log):
        if e.kind == "offer" and e.package and party in speaks_for(scenario, e.actor):
            return dict(e.package)
    return {}


def estimate(v: SeatView, scenario: Scenario, party: str, package: Mapping[str, str]
             ) -> Estimate:
    """The worth of `package` to `party` as the seat of `v` may know it (see `Estimate`)."""
    st = next((s for s in v.stances if s.party == party), None)
    if st is None:  # away from the table: the seat knows nothing new of it
        return Estimate(party, 0.0, 1.0, False, None)
    asked = own_proposal(v, scenario, party)
    weights = st.priorities or {}
    total = sum(weights.get(i, 0.0) for i in package) if weights else float(len(package))
    low = high = 0.0
    for issue, option in package.items():
        w = (weights.get(issue, 0.0) if weights else 1.0) / (total or 1.0)
        if st.values is not None and option in st.values.get(issue, {}):
            lo = hi = st.values[issue][option]
        elif asked.get(issue) == option:
            lo, hi = ASKED_FOR, 1.0
        else:
            lo, hi = 0.0, 1.0
        low += w * lo
        high += w * hi
    # a sum of weights divided by their total can land an ulp outside [0, 1] (1.0000000000000002)
    low, high = max(0.0, min(1.0, low)), max(0.0, min(1.0, high))
    return Estimate(party, low, high, st.values is not None and st.priorities is not None,
                    st.reservation)


def preview(v: SeatView, scenario: Scenario, party: str, package: Mapping[str, str],
            broken_known: bool) -> str:
    """How `party` would likely answer `package`, judged from the seat's view alone: its stated
    red lines, what it accepted or refused before (against the seat's estimates of those
    packages), and its no-deal value when the difficulty reveals it."""
    if broken_known:
        return "no: it breaks a red line they stated"
    now = estimate(v, scenario, party, package)
    if now.reservation is not None:
        if at_least(now.low, now.reservation):
            return "likely yes: above their no-deal value"
        if not at_least(now.high, now.reservation):
            return "likely no: below their no-deal value"
    for e in reversed(v.log):
        if e.actor != party or e.package is None or e.kind not in ANSWERS:
            continue
        if dict(e.package) == dict(package):
            return ("likely yes: they accepted this package" if e.kind == "accept"
                    else "likely no: they refused this package")
        then = estimate(v, scenario, party, e.package)
        if e.kind == "accept" and at_least(now.low, (then.low + then.high) / 2):
            return "likely yes: they accepted less before"
        if e.kind != "accept" and at_least((then.low + then.high) / 2, now.high):
            return "likely no: they refused more before"
    return "can't tell yet: an offer or their answers will show"
