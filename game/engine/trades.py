"""How a computer party weighs a trade across issues, and finds one to offer.

A conditional offer moves some issues toward the asker and others toward the party asked. The
party measures both against the positions on the table: what it gives up on the asked issues
from its own last position, what it gains on the promised issues from the proposer's last
position, each by its own weights and values. It accepts when the gain exceeds the cost by
`MARGIN[level]` (a harder party wants more) and the terms break none of its red lines. It
offers a trade back using its opponent model (the frequency model of the other side's offers):
it asks its own position on the issue it cares most about relative to the other side, and gives
the other side's position on the issue where the ratio is lowest.
"""

from __future__ import annotations

from game.engine.agents import FrequencyModel
from game.engine.conditionals import Partial, breaks, broken_rule, partial
from game.engine.events import Offered, Reason
from game.engine.moves import Conditional, Reply
from game.engine.records import Pledge
from game.engine.seats import seat_of
from game.engine.situation import Package, PartyState, Rule
from game.engine.state import TableState

MARGIN = 0.0, 0.01, 0.03
"""Least net gain (0-1 utility) a party asks of a trade at the easiest, middle, hardest level."""


def margin(level: float) -> float:
    return MARGIN[min(len(MARGIN) - 1, round(level * (len(MARGIN) - 1)))]


def position(s: TableState, party: str) -> Package | None:
    """The package `party` tabled last in the game (None: it has tabled none)."""
    for event in reversed(s.log):
        if isinstance(event, Offered) and event.actor == party and event.offer is not None:
            return s.pkgs[event.offer]
    return None


def ideal(own: PartyState) -> Package:
    """The party's best option on every issue (red lines aside)."""
    return tuple(max(range(len(v)), key=lambda o: (v[o], -o)) for v in own.values)  # noqa: B023


def net_gain(own: PartyState, mine: Package, theirs: Package | None, ask: Partial,
             give: Partial) -> float:
    """What taking `ask` (from its position `mine`) for `give` (from the other side's position
    `theirs`; its worst option there when unknown) is worth to the party, in utility."""
    cost = sum(own.weights[i] * (own.values[i][mine[i]] - own.values[i][o])
               for i, o in ask.items())
    gain = sum(own.weights[i] * (own.values[i][o] - (own.values[i][theirs[i]] if theirs
                                                     else min(own.values[i])))
               for i, o in give.items())
    return float(gain - cost)


def weigh(s: TableState, party: str, made: Pledge, level: float) -> Reply:
    """The answer of computer party `party` to conditional offer `made` (asked of it)."""
    own = s.sit.parties[party]
    ask, _ = partial(s.sit, made.ask, "")
    give, _ = partial(s.sit, made.give, "")
    rule = broken_rule(s.sit, party, {**ask, **give})
    if rule is not None:
        return Reply(conditional=made.id, accept=False, reasons=[Reason(
            text=f"we cannot take those terms: {rule.text}", red_line=rule.id,
            sources=list(rule.sources))])
    mine = position(s, party) or ideal(own)
    gain = net_gain(own, mine, position(s, made.by), ask, give)
    asked = " and ".join(_title(s, i) for i in ask)
    given = " and ".join(_title(s, i) for i in give)
    if gain > margin(level):
        return Reply(conditional=made.id, accept=True, reasons=[Reason(
            text=f"what you offer on {given} is worth more to us than what we yield on "
                 f"{asked}: agreed, for this round")])
    return Reply(conditional=made.id, accept=False, reasons=[Reason(
        text=f"what you ask on {asked} costs us more than what you offer on {given}")])


def trade_back(s: TableState, party: str, to: str, model: FrequencyModel | None,
               level: float) -> Conditional | None:
    """A conditional offer `party` makes to `to` after declining one of its: its position on an
    issue it values much relative to `to`'s estimated priorities, for `to`'s position on one it
    values little so (the pair with the widest gap in that ratio first). The trade must gain it
    more than its margin, not seem to cost `to` anything, break no red line of its own nor one
    `to` has named at the table, and not repeat an offer it made `to` this round. None when it
    has no estimate of `to` yet, or no such trade."""
    theirs = position(s, to)
    if model is None or not model.seen or theirs is None:
        return None
    own = s.sit.parties[party]
    mine = position(s, party) or ideal(own)
    est = model.weights()
    apart = [i for i in range(len(mine)) if mine[i] != theirs[i]]
    ratio = {i: float(own.weights[i]) / (float(est[i]) + 1e-9) for i in apart}
    pairs = sorted(((w, y) for w in apart for y in apart if w != y),
                   key=lambda p: (ratio[p[1]] - ratio[p[0]], p))
    ids, opts = s.sit.issue_ids, s.sit.option_ids
    named = _named_rules(s, to)
    made = [(p.ask, p.give) for p in s.pledges if p.by == party and p.to == to
            and p.round == s.round]
    for want, yield_ in pairs:
        ask, give = {want: mine[want]}, {yield_: theirs[yield_]}
        terms = {**ask, **give}
        if broken_rule(s.sit, party, terms) is not None or any(breaks(r, terms) for r in named):
            continue
        if net_gain(own, mine, theirs, give, ask) <= margin(level):
            continue  # from its side: it yields `give` from its position, gains `ask`
        if _their_gain(model, mine, theirs, want, yield_) < 0:
            continue
        move = Conditional(to=to, ask={ids[want]: opts[want][mine[want]]},
                           give={ids[yield_]: opts[yield_][theirs[yield_]]}, reasons=[Reason(
            text=f"we could move on {_title(s, yield_)} if you move on {_title(s, want)}")])
        if (move.ask, move.give) not in made:
            return move
    return None


def _their_gain(model: FrequencyModel, mine: Package, theirs: Package, want: int,
                yield_: int) -> float:
    """What the trade seems worth to the other side by the model: its position on `yield_`
    granted, ours on `want` conceded."""
    table, at = model.table(), model.offsets
    return float(table[at[yield_] + theirs[yield_]] - table[at[yield_] + mine[yield_]]
                 - table[at[want] + theirs[want]] + table[at[want] + mine[want]])


def _named_rules(s: TableState, seat: str) -> list[Rule]:
    """The red lines of `seat`'s parties that have been named at the table."""
    out: list[Rule] = []
    for p in seat_of(s.scenario, seat, s.mediator).members:
        if p in s.sit.parties:
            heard = s.named_rules(p)
            out.extend(r for r in s.sit.parties[p].rules if r.id in heard)
    return out


def _title(s: TableState, i: int) -> str:
    return s.scenario.issues[i].title.lower()

