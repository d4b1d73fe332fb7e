"""What a seat may do now, and why not: the one statement of the game's move rules.

`why_not(s, seat, move)` names the first rule a move breaks (None: it is legal); the rules in
`game.engine.rules` refuse exactly what it refuses. `legal_moves` lists the concrete moves a seat
may make, and `why_not_kind` explains a kind of move refused outright, so a shell (the TUI's keys,
a network client's buttons) shows the engine's reason and keeps no rules of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from game.engine.moves import (
    Accept,
    Caucus,
    Coach,
    Conditional,
    Draft,
    EndRound,
    Gesture,
    Guess,
    Message,
    Move,
    Propose,
    Reply,
    Signal,
    TakeSeat,
    TimeUp,
    WalkOut,
)
from game.engine.seats import HOST, MEDIATOR, Seat
from game.engine.situation import Package
from game.engine.state import TableState

Who = Literal["party", "mediator", "any"]


def _offers_spent(s: TableState, seat: str) -> str | None:
    if s.turns_left:
        return None
    return (f"you have made all your offers this round ({s.scenario.rules.turns_per_round} a "
            "round): accept an offer or end the round")


def _drafts_spent(s: TableState, seat: str) -> str | None:
    if s.turns_left:
        return None
    return (f"you have tabled all your drafts this round ({s.scenario.rules.turns_per_round} a "
            "round): end the round to go on")


def _caucuses_spent(s: TableState, seat: str) -> str | None:
    if s.caucuses_left:
        return None
    return (f"no private meetings left this round ({s.scenario.rules.caucuses_per_round} a "
            "round): table your text or end the round")


def _nothing_to_accept(s: TableState, seat: str) -> str | None:
    if any(o.by != seat for o in s.offers):
        return None
    return "no other party has an offer on the table yet: propose one"


def _no_gesture(s: TableState, seat: str) -> str | None:
    if not s.scenario.confidence_steps:
        return "this scenario has no confidence-building steps"
    if s.gestured:
        return "you have already offered a confidence-building step this round"
    return None


def _coach_off(s: TableState, seat: str) -> str | None:
    hardest = s.scenario.difficulties[-1].id if len(s.scenario.difficulties) > 1 else None
    if s.difficulty == hardest:
        return f"the coach is off at the hardest level ({s.difficulty})"
    return None


def _hosted_only(s: TableState, seat: str) -> str | None:
    if s.humans:
        return None
    return "signals and messages are for tables where people hold other seats"


def _caucuses(s: TableState, seat: str) -> list[Move]:
    return [Caucus(party=p) for p in s.sit.at_table]


def _accepts(s: TableState, seat: str) -> list[Move]:
    return [Accept(offer=o.id) for o in s.offers if o.by != seat]


def _gestures(s: TableState, seat: str) -> list[Move]:
    return [Gesture(step=c.id) for c in s.scenario.confidence_steps]


def _no_reply(s: TableState, seat: str) -> str | None:
    from game.engine.conditionals import open_to

    return None if open_to(s, seat) else "no conditional offer made to you awaits an answer"


def _replies(s: TableState, seat: str) -> list[Move]:
    from game.engine.conditionals import open_to

    return [Reply(conditional=p.id, accept=a) for p in open_to(s, seat) for a in (True, False)]


def _none(s: TableState, seat: str) -> list[Move]:
    return []


@dataclass(frozen=True)
class Kind:
    """A kind of player move: who may make it, in what words, and what the round allows."""

    who: Who
    what: str
    """The move in words, for 'only the mediator may ...'."""
    spent: Callable[[TableState, str], str | None] = lambda s, seat: None
    """Why no move of the kind is possible now (None: some is)."""
    moves: Callable[[TableState, str], list[Move]] = _none
    """The concrete moves of the kind (empty: any package, or a move with no choices)."""
    at_table: bool = True
    """A move at the table, listed by `legal_kinds`; False for a seat change, or advice and
    notes that change nothing at the table (the coach, a guess)."""
    talk: bool = False
    """Words between the people at a hosted table (a signal, a message): a seat that has
    ended the round may still make them."""


KINDS: dict[str, Kind] = {
    "draft": Kind("mediator", "table a draft of the single text", _drafts_spent),
    "caucus": Kind("mediator", "hold a private meeting", _caucuses_spent, _caucuses),
    "propose": Kind("party", "table a package (the mediator drafts)", _offers_spent),
    "accept": Kind("party", "accept an offer (the mediator drafts)", _nothing_to_accept,
                   _accepts),
    "gesture": Kind("any", "offer a confidence-building step", _no_gesture, _gestures),
    "conditional": Kind("party", "make a conditional offer (the mediator drafts)",
                        _offers_spent),
    "reply": Kind("party", "answer a conditional offer", _no_reply, _replies),
    "end_round": Kind("any", "end the round", moves=lambda s, seat: [EndRound()]),
    "walk_out": Kind("party", "walk out", moves=lambda s, seat: [WalkOut()]),
    "take_seat": Kind("any", "take another seat", at_table=False),
    "coach": Kind("any", "ask the coach", _coach_off, at_table=False),
    "guess": Kind("any", "record a guess", at_table=False),
    "signal": Kind("any", "signal ready or agreement", _hosted_only, at_table=False, talk=True),
    "message": Kind("any", "send a private message", _hosted_only, at_table=False, talk=True),
}
"""Every kind of player move, in the order a menu lists them: the one table of move rules."""


def seat_kinds(seat: Seat) -> frozenset[str]:
    """The kinds of move a seat of this kind ever makes (a menu hides the others)."""
    mine = "mediator" if seat.is_mediator else "party"
    return frozenset(k for k, spec in KINDS.items() if spec.who in (mine, "any"))


def why_not_kind(s: TableState, seat: str, kind: str) -> str | None:
    """Why `seat` may make no move of this kind now (None: some move of the kind is legal)."""
    if s.finished:
        return "the talks are over"
    if seat != s.role:
        return "it is not your seat's turn: the computer plays that seat"
    if seat in s.walked:
        return "your seat has left the talks"
    spec = KINDS.get(kind)
    if seat in s.ended and not (spec is not None and spec.talk):
        return "you have ended this round: the others are still moving"
    if spec is None:
        return f"a {kind!r} move is a computer seat's answer, not a player's move"
    mediator = seat == MEDIATOR
    if spec.who == "mediator" and not mediator:
        return f"only the mediator may {spec.what}"
    if spec.who == "party" and mediator:
        return f"only a party or coalition may {spec.what}"
    return spec.spent(s, seat)


def why_not(s: TableState, seat: str, move: Move) -> str | None:
    """The first rule `move` by `seat` breaks now, in the player's words (None: it is legal)."""
    if isinstance(move, TakeSeat):
        return seat_refusal(s, move.party)
    if isinstance(move, TimeUp) or seat == HOST:
        return _time_up_refusal(s, seat, move)
    refusal = why_not_kind(s, seat, move.kind)
    if refusal is not None:
        return refusal
    match move:
        case Propose(package=package) | Draft(package=package):
            pkg, refusal = parse(s, package)
            if refusal is None and isinstance(move, Propose):
                from game.engine.conditionals import binding_refusal

                refusal = binding_refusal(s, seat, package)
            return refusal or (own_red_line(s, pkg) if pkg is not None else None)
        case Conditional():
            from game.engine.conditionals import conditional_refusal

            return conditional_refusal(s, move)
        case Reply():
            from game.engine.conditionals import reply_refusal

            return reply_refusal(s, move)
        case Accept(offer=number):
            offer = next((o for o in s.offers if o.id == number), None)
            if offer is None:
                return f"there is no offer {number} on the table this round"
            if offer.by == seat:
                return "that is your own offer"
            return own_red_line(s, s.pkgs[offer.id])
        case Coach(package=package):
            return parse(s, package)[1]
        case Guess(party=party, top=top):
            if party not in s.sit.at_table or party in s.seat.members:
                return f"'{party}' is not another party at the table"
            if top not in s.sit.issue_ids:
                return f"'{top}' is not an issue of this scenario"
            return None
        case Signal(offer=number) if number is not None and all(o.id != number
                                                                 for o in s.offers):
            return f"there is no offer {number} on the table this round"
        case Message(to=to):
            return _message_refusal(s, seat, to)
        case Signal():
            return None
        case Caucus(party=party) if party not in s.sit.at_table:
            return f"'{party}' is not at the table"
        case Gesture(step=step) if all(c.id != step for c in s.scenario.confidence_steps):
            ids = ", ".join(c.id for c in s.scenario.confidence_steps) or "none"
            return f"unknown confidence-building step '{step}'; steps: {ids}"
        case EndRound() | WalkOut() | Caucus() | Gesture():
            return None
    return f"a {move.kind!r} move is a computer seat's answer, not a player's move"


def _message_refusal(s: TableState, seat: str, to: str) -> str | None:
    if to == seat:
        return "a message goes to another seat"
    if to not in s.humans:
        return (f"'{to}' is not a seat a person holds at this table (the computer reads no "
                "messages); seats: " + ", ".join(h for h in s.humans if h != seat))
    if to in s.walked:
        return f"'{to}' has left the talks"
    return None


def _time_up_refusal(s: TableState, seat: str, move: Move) -> str | None:
    """The round clock's move: the host's alone, at a hosted table, in the round it ran in."""
    if not isinstance(move, TimeUp) or seat != HOST:
        return "only the host's round clock ends a round by time"
    if not s.humans:
        return "a round clock runs only at a hosted table"
    if s.finished:
        return "the talks are over"
    if move.round != s.round:
        return f"round {move.round} is over already (the table is in round {s.round})"
    return None


def parse(s: TableState, package: dict[str, str]) -> tuple[Package | None, str | None]:
    """The package as option indices, or why it cannot be tabled."""
    try:
        return s.sit.package(package), None
    except KeyError as err:
        return None, f"this package cannot be tabled: {err.args[0]}"


def own_red_line(s: TableState, pkg: Package) -> str | None:
    """A party's seat may not table or accept what breaks its own red line (a coalition's
    members answer for theirs by refusing consent)."""
    if s.seat.kind != "party":
        return None
    broken = [r for r in s.sit.parties[s.role].rules if r.broken_by(pkg)]
    if broken:
        return f"it breaks your own red line '{broken[0].text}'"  # its words; the id is code
    return None


def seat_refusal(s: TableState, seat: str) -> str | None:
    """Why the player may not take `seat` now (None: it may). Only a party's or coalition's
    seat changes hands: the computer never plays a mediator, and a party game has none."""
    if s.finished:
        return "the talks are over"
    if seat not in s.scenario.roles:
        return (f"'{seat}' is not a role of scenario '{s.scenario.id}'; roles: "
                + ", ".join(s.scenario.roles))
    if seat == s.role:
        return "you already hold that seat"
    if s.humans:
        return "at a hosted table seats change hands at the host, not by a move"
    if MEDIATOR in (seat, s.role):
        return "the mediator's seat cannot change hands: the computer never plays a mediator"
    members = next((c.members for c in s.scenario.coalitions if c.id == seat), [seat])
    if not any(m in s.sit.at_table for m in members):
        return f"'{seat}' is not at the table now"
    return None


def legal_kinds(s: TableState, seat: str) -> list[str]:
    """The kinds of move `seat` may make now, in the order a menu shows them."""
    return [k for k, spec in KINDS.items() if spec.at_table
            and why_not_kind(s, seat, k) is None]


def legal_moves(s: TableState, seat: str) -> list[Move]:
    """Every concrete move `seat` may make now, except tabling a package (`Propose`, `Draft`):
    any package within the seat's own red lines may be tabled while `legal_kinds` lists it."""
    out = [m for k in legal_kinds(s, seat) for m in KINDS[k].moves(s, seat)]
    return [m for m in out if why_not(s, seat, m) is None]
