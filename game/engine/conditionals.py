"""Conditional offers: "if you accept X on one issue, we accept Y on another".

A seat offers one party a partial package (`ask`) in exchange for a partial package of its own
(`give`). The addressed party answers: a computer party weighs the trade on its own priorities
(`game.engine.trades`) and, declining, may offer a trade back; a person answers with `Reply`.
An accepted offer binds both seats for the rest of its round: every package either of them
tables must carry the offer's options on those issues (`binding_refusal`). The rules are
written out in docs/conditional-offers.md.
"""

from __future__ import annotations

from dataclasses import replace

from game.engine.events import ConditionAnswered, Conditioned
from game.engine.flow import Decider, add
from game.engine.moves import Conditional, Play, Reply
from game.engine.records import Pledge
from game.engine.situation import Package, Rule, Situation
from game.engine.state import TableState

Partial = dict[int, int]
"""A partial package as indices: issue index -> option index."""


def partial(sit: Situation, choice: dict[str, str], side: str) -> tuple[Partial, str | None]:
    """`choice` as indices, or why it names no issue or an unknown issue or option."""
    if not choice:
        return {}, f"name at least one issue and option you {side}"
    out: Partial = {}
    for issue, option in choice.items():
        if issue not in sit.issue_ids:
            return {}, (f"'{issue}' is not an issue of this scenario; issues: "
                        + ", ".join(sit.issue_ids))
        i = sit.issue_ids.index(issue)
        if option not in sit.option_ids[i]:
            return {}, (f"'{option}' is not an option of issue '{issue}'; options: "
                        + ", ".join(sit.option_ids[i]))
        out[i] = sit.option_ids[i].index(option)
    return out, None


def breaks(rule: Rule, part: Partial) -> bool:
    """The rule is broken by every package carrying `part` (all its clauses are fixed there)."""
    return all(i in part and part[i] in opts for i, opts in rule.literals)


def broken_rule(sit: Situation, party: str, part: Partial) -> Rule | None:
    """The first red line of `party` that `part` breaks whatever the other issues say."""
    return next((r for r in sit.parties[party].rules if breaks(r, part)), None)


def addressees(s: TableState) -> list[str]:
    """Who the moving seat may make a conditional offer to: the computer parties at the
    table, and at a hosted table the other human party seats still there."""
    people = [h for h in s.human_seats_left() if h != s.role]
    return [p for p in s.computer_seats() if p not in s.seat.members] + people


def conditional_refusal(s: TableState, move: Conditional) -> str | None:
    """Why `move` may not be made now by the moving seat (None: it may)."""
    if move.to not in addressees(s):
        return (f"'{move.to}' is not another party at the table; ask one of: "
                + ", ".join(addressees(s)))
    ask, refusal = partial(s.sit, move.ask, "ask for")
    if refusal:
        return refusal
    give, refusal = partial(s.sit, move.give, "give")
    if refusal:
        return refusal
    same = sorted(s.sit.issue_ids[i] for i in set(ask) & set(give))
    if same:
        return (f"the condition and the promise are both on '{same[0]}': ask on one issue and "
                "give on another")
    return own_rule_refusal(s, {**ask, **give})


def own_rule_refusal(s: TableState, part: Partial) -> str | None:
    """Terms the moving seat may not offer or accept: they break its own red line (for a
    coalition, a member's) whatever the other issues say."""
    own = (s.role,) if s.seat.kind == "party" else s.members
    for party in own:
        if party not in s.sit.parties:
            continue
        rule = broken_rule(s.sit, party, part)
        if rule is not None:
            whose = "your own" if party == s.role else f"{s.name(party)}'s"
            return f"it breaks {whose} red line '{rule.text}' ({rule.id})"
    return None


def reply_refusal(s: TableState, move: Reply) -> str | None:
    """Why the moving seat may not answer conditional offer `move.conditional` so."""
    pledge = next((p for p in s.pledges if p.id == move.conditional), None)
    if pledge is None or pledge.to != s.role:
        return f"no conditional offer {move.conditional} was made to you"
    if pledge.status != "open" or pledge.round != s.round:
        return f"conditional offer {move.conditional} is no longer open"
    if move.accept:
        return own_rule_refusal(s, {**partial(s.sit, pledge.ask, "")[0],
                                    **partial(s.sit, pledge.give, "")[0]})
    return None


def open_to(s: TableState, seat: str) -> list[Pledge]:
    """Conditional offers made to `seat` this round still awaiting its answer."""
    return [p for p in s.pledges if p.to == seat and p.status == "open" and p.round == s.round]


def bindings(s: TableState, seat: str) -> list[Pledge]:
    """The accepted conditional offers of this round that bind `seat` (it made or accepted)."""
    return [p for p in s.pledges if p.status == "accepted" and p.round == s.round
            and seat in (p.by, p.to)]


def binding_refusal(s: TableState, seat: str, package: dict[str, str]) -> str | None:
    """Why `seat` may not table `package`: it departs from a conditional offer it agreed this
    round (None: it keeps every one)."""
    for pledge in bindings(s, seat):
        terms = {**pledge.ask, **pledge.give}
        off = [i for i, o in terms.items() if package.get(i) != o]
        if off:
            other = pledge.to if seat == pledge.by else pledge.by
            agreed = ", ".join(f"{i} = {o}" for i, o in terms.items())
            return (f"it departs from conditional offer {pledge.id} agreed with "
                    f"{s.name(other)} this round ({agreed})")
    return None


def keep_bindings(s: TableState, seat: str, pkg: Package) -> Package | None:
    """`pkg` with the options `seat` agreed this round put in (a computer party keeps its word
    when it counters); None when the result breaks one of its own red lines."""
    out = list(pkg)
    for pledge in bindings(s, seat):
        for issue, option in {**pledge.ask, **pledge.give}.items():
            i = s.sit.issue_ids.index(issue)
            out[i] = s.sit.option_ids[i].index(option)
    kept = tuple(out)
    if seat in s.sit.parties and any(r.broken_by(kept) for r in s.sit.parties[seat].rules):
        return None
    return kept


# -- the rules ------------------------------------------------------------------------------------


def pledge(s: TableState, d: Decider, by: str, move: Conditional) -> Pledge:
    """Record a conditional offer, seen by the two seats alone."""
    made = Pledge(len(s.pledges) + 1, by, move.to, s.round, dict(move.ask), dict(move.give))
    s.pledges.append(made)
    add(s, d, Conditioned, by, number=made.id, to=move.to, ask=made.ask, give=made.give,
        reasons=list(move.reasons), visible_to=(by, move.to))
    return made


def settle(s: TableState, d: Decider, seat: str, move: Reply) -> None:
    """`seat` answers a conditional offer: the answer is recorded, seen by the two seats."""
    k, made = next((k, p) for k, p in enumerate(s.pledges) if p.id == move.conditional)
    s.pledges[k] = replace(made, status="accepted" if move.accept else "declined")
    add(s, d, ConditionAnswered, seat, number=made.id, to=made.by, accepted=move.accept,
        ask=made.ask, give=made.give, reasons=list(move.reasons), visible_to=(made.by, seat))


def conditional_rule(s: TableState, d: Decider, move: Conditional) -> None:
    """The moving seat makes a conditional offer (one of its offers this round). A computer
    party answers at once; declining, it may offer a trade of its own back."""
    s.turns += 1
    made = pledge(s, d, s.role, move)
    if move.to not in s.computer_seats():
        return  # a person answers with `Reply`
    reply = d.weigh(s, move.to, made)
    s.plays.append(Play(seat=move.to, move=reply))
    settle(s, d, move.to, reply)
    if reply.accept:
        return
    back = d.trade(s, move.to, s.role)
    s.plays.append(Play(seat=move.to, move=back))
    if isinstance(back, Conditional):
        pledge(s, d, move.to, back)


def reply_rule(s: TableState, d: Decider, move: Reply) -> None:
    settle(s, d, s.role, move)
