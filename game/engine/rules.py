"""One rule per kind of player move: what the move changes at the table.

Each rule runs only after `game.engine.legal.why_not` found the move legal, then changes the
state through `game.engine.flow` (which asks the computer seats to answer and records their
moves). `apply` is the one entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.engine.conditionals import conditional_rule, reply_rule
from game.engine.events import (
    Accepted,
    Coached,
    Event,
    Guessed,
    Reason,
    Said,
    SeatTaken,
    Signalled,
    TimeRanOut,
    WalkedOut,
)
from game.engine.flow import (
    Decider,
    add,
    agreed,
    answer,
    close_round,
    counters,
    finish,
    members_consent,
    table,
)
from game.engine.legal import why_not
from game.engine.mediation import caucus, credibility_after, gesture
from game.engine.moves import (
    Accept,
    Caucus,
    Coach,
    Draft,
    EndRound,
    Gesture,
    Guess,
    Message,
    Move,
    Play,
    Propose,
    Signal,
    TakeSeat,
    TimeUp,
    WalkOut,
)
from game.engine.records import IllegalMove
from game.engine.seats import MEDIATOR, SCENARIO
from game.engine.situation import with_table
from game.engine.state import TableState


def apply(state: TableState, d: Decider, seat: str, move: Move
          ) -> tuple[TableState, list[Event]]:
    """`(state, move) -> (new state, events)`: play `move` for `seat` (the player's), or raise
    `IllegalMove` saying why not. `state` is left as it was: the rule works on a copy."""
    if state.humans and seat in state.humans and seat != state.role:
        state = state.acting(seat)
    refusal = why_not(state, seat, move)
    if refusal is not None:
        raise IllegalMove(refusal)
    s = state.snapshot()
    s.plays.append(Play(seat=seat, move=move))
    s.moves.append(move)
    RULES[move.kind](s, d, move)
    if s.humans and s.role == seat:
        s.turns_of[seat] = s.turns
    return s, s.log[len(state.log):]


def _propose(s: TableState, d: Decider, move: Propose) -> None:
    pkg = s.sit.package(move.package)
    s.turns += 1
    if not members_consent(s, d, pkg):
        return
    offer = table(s, d, s.role, pkg, "offer", note=move.note)
    if not agreed(s, d, offer):
        counters(s, d)


def _accept(s: TableState, d: Decider, move: Accept) -> None:
    offer = next(o for o in s.offers if o.id == move.offer)
    pkg = s.pkgs[offer.id]
    if not members_consent(s, d, pkg):
        return
    add(s, d, Accepted, s.role, offer=offer.id, package=offer.package)
    s.accepts[offer.id].append(s.role)
    for party in s.responders(offer.by):
        if party not in s.accepts[offer.id]:
            answer(s, d, party, offer)
    agreed(s, d, offer)


def _draft(s: TableState, d: Decider, move: Draft) -> None:
    pkg = s.sit.package(move.package)
    s.turns += 1
    offer = table(s, d, MEDIATOR, pkg, "draft")
    credibility_after(s, d, offer, pkg)
    agreed(s, d, offer)


def _end_round(s: TableState, d: Decider, move: EndRound) -> None:
    """The round closes when the player ends it; at a hosted table, when every human seat
    still at the table has."""
    if s.humans:
        s.ended.append(s.role)
        if any(h not in s.ended for h in s.humans if h not in s.walked):
            return
    close_round(s, d)


def _walk_out(s: TableState, d: Decider, move: WalkOut) -> None:
    """The player's walking out ends the talks; at a hosted table the others go on while
    two seats are left."""
    add(s, d, WalkedOut, s.role)
    s.walked.append(s.role)
    if s.humans:
        # a coalition seat's parties leave with it: left at the table, nobody would answer
        # for them (the seat is no longer played) and no deal could be agreed
        s.walked.extend(m for m in s.members if m not in s.walked)
        s.sit = with_table(s.sit, tuple(p for p in s.sit.at_table if p not in s.walked))
        if not s.table_too_small():
            if all(h in s.ended for h in s.humans if h not in s.walked):
                close_round(s, d)
            return
    finish(s, d, None)


def _gesture(s: TableState, d: Decider, move: Gesture) -> None:
    s.gestured = True
    gesture(s, d, s.role, move.step)


def _caucus(s: TableState, d: Decider, move: Caucus) -> None:
    s.caucuses += 1
    caucus(s, d, move.party)


def _take_seat(s: TableState, d: Decider, move: TakeSeat) -> None:
    """The player moves to another seat; the decider takes over the seat left."""
    old = s.role
    s.role = move.party
    s.turn_base = s.turns  # the new seat has the round's offers to make
    add(s, d, SeatTaken, SCENARIO, from_seat=old, to_seat=move.party)


def _coach(s: TableState, d: Decider, move: Coach) -> None:
    from game.engine.coach import advise

    advice = advise(s, s.role, move.package)
    add(s, d, Coached, s.role, package=advice.package, asked=move.package, gain=advice.gain,
        reasons=[Reason(text=line) for line in advice.reasoning], visible_to=(s.role,))


def _guess(s: TableState, d: Decider, move: Guess) -> None:
    add(s, d, Guessed, s.role, party=move.party, top=move.top,
        guessed_reservation=move.reservation, visible_to=(s.role,))


def _signal(s: TableState, d: Decider, move: Signal) -> None:
    add(s, d, Signalled, s.role, signal=move.signal, offer=move.offer)


def _message(s: TableState, d: Decider, move: Message) -> None:
    add(s, d, Said, s.role, to=move.to, text=move.text, visible_to=(s.role, move.to))


def _time_up(s: TableState, d: Decider, move: TimeUp) -> None:
    """The clock closes the round as if every seat still in it had ended it."""
    add(s, d, TimeRanOut, SCENARIO)
    close_round(s, d)


RULES: dict[str, Callable[[TableState, Decider, Any], None]] = {
    "propose": _propose, "accept": _accept, "draft": _draft, "end_round": _end_round,
    "walk_out": _walk_out, "gesture": _gesture, "caucus": _caucus, "take_seat": _take_seat,
    "coach": _coach, "guess": _guess, "signal": _signal, "message": _message,
    "time_up": _time_up, "conditional": conditional_rule, "reply": reply_rule,
}
"""Move kind -> its rule: the one table a new kind of move is added to."""
