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
from game.engine.conditionals import Partial, broken_rule, partial
from game.engine.events import Offered, Reason
from game.engine.moves import Conditional, Reply
from game.engine.records import Pledge
from game.engine.situation import Package, PartyState
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
    """A conditional offer `party` makes to `to` after declining one of its: its position on
    the issue it values most relative to `to`'s estimated priorities, for `to`'s position on
    the issue it values least so. None when it has no estimate of `to` yet, or no trade it
    gains from and `to` seems to gain from too."""
    theirs = position(s, to)
    if model is None or not model.seen or theirs is None:
        return None
    own = s.sit.parties[party]
    mine = position(s, party) or ideal(own)
    est = model.weights()
    apart = [i for i in range(len(mine)) if mine[i] != theirs[i]]
    if len(apart) < 2:
        return None
    ratio = {i: float(own.weights[i]) / (float(est[i]) + 1e-9) for i in apart}
    want = max(apart, key=lambda i: (ratio[i], -i))
    yield_ = min(apart, key=lambda i: (ratio[i], i))
    ask, give = {want: mine[want]}, {yield_: theirs[yield_]}
    if broken_rule(s.sit, party, {**ask, **give}) is not None:
        return None
    if net_gain(own, mine, theirs, give, ask) <= margin(level):
        return None  # from its side: it yields `give` from its position, gains `ask`
    table = model.table()
    offsets = model.offsets
    theirs_gain = (table[offsets[yield_] + theirs[yield_]] - table[offsets[yield_] + mine[yield_]]
                   - table[offsets[want] + theirs[want]] + table[offsets[want] + mine[want]])
    if theirs_gain < 0:
        return None
    ids, opts = s.sit.issue_ids, s.sit.option_ids
    return Conditional(to=to, ask={ids[want]: opts[want][mine[want]]},
                       give={ids[yield_]: opts[yield_][theirs[yield_]]}, reasons=[Reason(
        text=f"we could move on {_title(s, yield_)} if you move on {_title(s, want)}")])


def _title(s: TableState, i: int) -> str:
    return s.scenario.issues[i].title.lower()

