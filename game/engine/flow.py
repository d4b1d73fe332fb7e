"""How the table runs: offers put on the table and answered, counters, agreement, rounds.

The rules here never decide for a computer seat: they ask a `Decider` (live: the computer
players; on replay: the recorded moves), record the answer as a `Play` of that seat, and apply it.
So a save holds every seat's moves, and a replay rebuilds the table even after the computer
players change.
"""

from __future__ import annotations

from typing import Any, Protocol

from game.engine.events import (
    Accepted,
    Agreement,
    Drafted,
    Event,
    Gestured,
    NoDeal,
    Objected,
    Offered,
    Reason,
    Rejected,
    RoundStarted,
    ScenarioEvent,
    TrustLevel,
    WalkedOut,
)
from game.engine.moves import (
    Accept,
    Conditional,
    Pass,
    Play,
    Propose,
    Reject,
    Reply,
    Stay,
    WalkOut,
)
from game.engine.outcome import final_outcome
from game.engine.reasons import red_line_reason, refusal
from game.engine.records import IllegalMove, Offer, Pledge
from game.engine.seats import MEDIATOR, SCENARIO, seat_of
from game.engine.situation import Package, Situation, with_table
from game.engine.state import TableState
from game.engine.triggers import firing, what_held
from game.scenario.models import ShiftCredibility
from game.scenario.trigger_words import describe


class Decider(Protocol):
    """Who decides for the computer seats, and learns from what happens at the table."""

    def answer(self, s: TableState, party: str, offer: Offer) -> Accept | Reject: ...

    def counter(self, s: TableState, party: str) -> Propose | Pass: ...

    def closing(self, s: TableState, party: str) -> WalkOut | Stay: ...

    def seen(self, s: TableState, event: Event) -> None: ...

    def weigh(self, s: TableState, party: str, made: Pledge) -> Reply: ...

    def trade(self, s: TableState, party: str, to: str) -> Conditional | Pass: ...


def add(s: TableState, d: Decider, cls: type[Event], actor: str, **fields: Any) -> Event:
    """Append one event to the log and let the computer players learn from it."""
    event = cls(seq=len(s.log) + 1, round=s.round, actor=actor, **fields)
    s.log.append(event)
    d.seen(s, event)
    return event


def utilities(s: TableState, pkg: Package) -> dict[str, float]:
    return {p: s.sit.parties[p].utility(pkg) for p in s.sit.at_table}


# -- offers ---------------------------------------------------------------------------------------


def table(s: TableState, d: Decider, seat: str, pkg: Package, kind: str,
          note: str | None = None) -> Offer:
    """Put a package on the table (replacing the seat's previous one) and collect the answers;
    `note` is what a person wrote with it."""
    named = s.sit.named(pkg)
    offer = Offer(s.next_offer, seat, s.round, named, kind)
    s.next_offer += 1
    s.offers = [o for o in s.offers if o.by != seat] + [offer]
    s.pkgs[offer.id] = pkg
    s.accepts[offer.id] = [seat] if seat != MEDIATOR else []
    if seat == s.role:
        s.accepts[offer.id].extend(s.members)
    if kind == "draft":
        add(s, d, Drafted, seat, offer=offer.id, package=named, utilities=utilities(s, pkg))
    else:
        add(s, d, Offered, seat, offer=offer.id, package=named, utilities=utilities(s, pkg),
            note=note)
    for party in s.responders(seat):
        answer(s, d, party, offer)
    for human in s.humans or (s.role,):
        if human != seat:
            player_red_lines(s, d, offer, pkg, seat_of(s.scenario, human, s.mediator).members)
    return offer


def answer(s: TableState, d: Decider, party: str, offer: Offer) -> None:
    """A computer seat answers an offer: its decision is recorded, then applied."""
    move = d.answer(s, party, offer)
    s.plays.append(Play(seat=party, move=move))
    u = s.sit.parties[party].utility(s.pkgs[offer.id])
    numbers = {"utility": u, "aspiration": move.aspiration}
    if isinstance(move, Accept):
        s.accepts[offer.id].append(party)
        add(s, d, Accepted, party, offer=offer.id, package=offer.package, reasons=move.reasons,
            **numbers)
        return
    cls = Objected if offer.kind == "draft" else Rejected
    add(s, d, cls, party, offer=offer.id, package=offer.package, reasons=move.reasons, **numbers)


def player_red_lines(s: TableState, d: Decider, offer: Offer, pkg: Package,
                     members: tuple[str, ...]) -> None:
    """An offer breaking the player's own red lines can never be accepted (`Accept` refuses
    it), so the player's seat (`members`: the parties it speaks for) says so at once, naming
    them: the table learns them as it learns every other party's."""
    for party in members:
        if party not in s.sit.at_table:
            continue
        broken = [r for r in s.sit.parties[party].rules if r.broken_by(pkg)]
        if broken:
            add(s, d, Rejected, party, offer=offer.id, package=offer.package,
                reasons=[red_line_reason(r) for r in broken], why="own_red_line",
                utility=s.sit.parties[party].utility(pkg))


def members_consent(s: TableState, d: Decider, pkg: Package) -> bool:
    """Coalition seat: every member must consent to what the player tables or accepts. The
    members decide by rule (their red lines and their demand), so this is no computer move."""
    refused = False
    for member in s.members:
        if member not in s.sit.at_table:
            continue
        # a member consents to anything within its red lines worth at least its demand now
        reasons = refusal(s.sit, member, pkg, s.floor(member), 0.0)
        if reasons:
            refused = True
            add(s, d, Rejected, member, package=s.sit.named(pkg), reasons=reasons, why="consent",
                visible_to=(s.role,), utility=s.sit.parties[member].utility(pkg))
    return not refused


def counters(s: TableState, d: Decider) -> None:
    """Every computer party that still disagrees may table a counter."""
    for party in s.computer_seats():
        if s.finished:
            return
        counter(s, d, party)


def counter(s: TableState, d: Decider, party: str) -> None:
    move = d.counter(s, party)
    s.plays.append(Play(seat=party, move=move))
    if isinstance(move, Propose):
        offer = table(s, d, party, s.sit.package(move.package), "offer")
        agreed(s, d, offer)


def agreed(s: TableState, d: Decider, offer: Offer) -> bool:
    """Agreement when every party at the table (the player's seat included) accepts."""
    if s.finished:
        return True
    accepted = s.accepts[offer.id]
    needed = list(s.computer_seats())
    if s.humans:
        needed.extend(s.human_seats_left())
    elif s.role != MEDIATOR:
        needed.append(s.role)
    if all(p in accepted for p in needed):
        finish(s, d, offer)
        return True
    return False


def gesture(s: TableState, d: Decider, actor: str, step_id: str) -> None:
    """A confidence-building step raises trust between the parties it involves."""
    step = next(c for c in s.scenario.confidence_steps if c.id == step_id)
    levels = []
    for i, a in enumerate(step.parties):
        for b in step.parties[i + 1:]:
            key = frozenset((a, b))
            s.trust_extra[key] = s.trust_extra.get(key, 0.0) + step.trust
            levels.append(TrustLevel(a=a, b=b, trust=s.trust(a, b)))
    add(s, d, Gestured, actor, step=step.id, title=step.title, text=step.text, trust=levels,
        reasons=[Reason(text=step.text, sources=list(step.sources))])


# -- rounds ---------------------------------------------------------------------------------------


def open_round(s: TableState, d: Decider, number: int) -> None:
    s.round = number
    s.sit = _seated(s, number)
    fired = firing(s, number)  # read after the round's unconditional events moved trust
    rnd = s.scenario.rounds[number - 1]
    held = {k: what_held(s, when, number) for r, k in fired
            if (when := rnd.events[k].when) is not None}  # before the fired events move trust
    if fired:
        s.fired = s.fired | frozenset(fired)
        s.sit = _seated(s, number)
    s.offers, s.turns, s.gestured, s.caucuses, s.turn_base = [], 0, False, 0, 0
    s.turns_of, s.ended = {}, []
    add(s, d, RoundStarted, SCENARIO, title=rnd.title, date=rnd.date,
        reasons=[Reason(text=c.text, sources=list(c.sources)) for c in rnd.briefing])
    for k, event in enumerate(rnd.events):
        if event.when is not None and (number, k) not in s.fired:
            continue
        if isinstance(event, ShiftCredibility) and event.mediator in (None, s.mediator) \
                and event.party in s.credibility:
            s.credibility[event.party] = min(1.0, max(0.0, s.credibility[event.party]
                                                      + event.delta))
        reasons = [Reason(text=event.text, sources=list(event.sources))]
        if k in held:
            reasons.append(Reason(text=describe(s.scenario, held[k])))
        add(s, d, ScenarioEvent, SCENARIO, type=event.type, text=event.text, reasons=reasons)
    if s.table_too_small():
        finish(s, d, None)
        return
    counters(s, d)


def _seated(s: TableState, number: int) -> Situation:
    """The numbers as of round `number` with the events fired so far, minus the walk-outs."""
    base = s.book.situation(number, s.fired)
    return with_table(base, tuple(p for p in base.at_table if p not in s.walked))


def close_round(s: TableState, d: Decider) -> None:
    """The player ends the round: each computer seat stays or walks out, then the next opens."""
    for party in s.computer_seats():
        move = d.closing(s, party)
        s.plays.append(Play(seat=party, move=move))
        if isinstance(move, WalkOut):
            deadline = s.scenario.parties[_index(s, party)].strategy.deadline_round
            add(s, d, WalkedOut, party, why=move.why, expected=move.expected,
                deadline=min(deadline or len(s.scenario.rounds), len(s.scenario.rounds)))
            s.walked.append(party)
            continue
        if move.step is not None:  # a computer party offers a confidence step as it stays
            if all(c.id != move.step for c in s.scenario.confidence_steps):
                raise IllegalMove(f"'{party}' offers an unknown confidence step '{move.step}'")
            gesture(s, d, party, move.step)
        if move.hopeless:
            s.hopeless[party] = s.hopeless.get(party, 0) + 1
        else:
            s.hopeless.pop(party, None)
    s.sit = with_table(s.sit, tuple(p for p in s.sit.at_table if p not in s.walked))
    if s.table_too_small() or s.round >= len(s.scenario.rounds):
        finish(s, d, None)
    else:
        open_round(s, d, s.round + 1)


def _index(s: TableState, party: str) -> int:
    return [p.id for p in s.scenario.parties].index(party)


def deferred(s: TableState, package: dict[str, str]) -> list[str]:
    """Titles of the issues a package leaves for later (options marked `deferred`)."""
    return [
        issue.title.lower() for issue in s.scenario.issues
        if any(o.deferred and o.id == package[issue.id] for o in issue.options)
    ]


def finish(s: TableState, d: Decider, offer: Offer | None) -> None:
    s.finished = True
    s.outcome = final_outcome(s, offer.package if offer else None)
    numbers = {"utilities": dict(s.outcome.utilities), "score": s.outcome.player.value}
    if offer is not None:
        add(s, d, Agreement, SCENARIO, offer=offer.id, package=offer.package,
            phased=deferred(s, offer.package), **numbers)
    else:
        add(s, d, NoDeal, SCENARIO, **numbers)
