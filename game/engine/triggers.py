"""Which conditional scenario events fire: read from the table as each round opens.

A scenario event with a `when` happens only if the players' moves met it (trust built, a step
taken, an option offered ...). The decision is a pure function of the table state at the round's
opening, so replaying a save's plays through the rules fires the same events; the fired set is
kept in the state (`TableState.fired`) and passed to `situation_at`, which stays pure.
"""

from __future__ import annotations

from game.engine.events import Event
from game.engine.situation import EventKey
from game.engine.state import TableState
from game.scenario.models import Scenario
from game.scenario.triggers import OptionPlayed, Trigger


def firing(s: TableState, number: int) -> list[EventKey]:
    """The conditional events of round `number` whose conditions the table meets now (after the
    round's unconditional events moved trust; conditional events do not set each other off)."""
    rnd = s.scenario.rounds[number - 1]
    return [(number, k) for k, e in enumerate(rnd.events)
            if e.when is not None and holds(s, e.when, number)]


def holds(s: TableState, when: Trigger, number: int) -> bool:
    """Every condition the trigger names holds as round `number` opens."""
    checks = []
    if when.trust is not None:
        a, b = when.trust.parties
        checks.append(s.trust(a, b) >= when.trust.at_least - 1e-9)
    if when.step_taken is not None:
        checks.append(any(e.kind == "gesture" and getattr(e, "step", None) == when.step_taken
                          for e in s.log))
    if when.offered is not None:
        checks.append(_played(s, when.offered, ("offer", "draft")))
    if when.accepted is not None:
        checks.append(_played(s, when.accepted, ("accept",)))
    if when.no_deal_after is not None:
        checks.append(number > when.no_deal_after and not s.finished)
    if when.red_line_named is not None:
        named = when.red_line_named
        said = (s.revealed_rules.get(named.party, []) if named.in_caucus
                else s.named_rules(named.party))
        checks.append(named.red_line in said)
    if when.walked_out is not None:
        checks.append(when.walked_out in s.walked)
    if when.any_of is not None:
        checks.append(any(holds(s, t, number) for t in when.any_of))
    return all(checks)


def _played(s: TableState, played: OptionPlayed, kinds: tuple[str, ...]) -> bool:
    return any(_matches(s.scenario, e, played) for e in s.log if e.kind in kinds)


def _matches(scenario: Scenario, e: Event, played: OptionPlayed) -> bool:
    package = getattr(e, "package", None)
    if not package or package.get(played.issue) != played.option:
        return False
    return played.by is None or e.actor == played.by or any(
        c.id == e.actor and played.by in c.members for c in scenario.coalitions)


def what_held(s: TableState, when: Trigger, number: int) -> Trigger:
    """The trigger with only the alternatives of its `any_of` that held, so the log says which
    play set the event off rather than every play that could have."""
    if not when.any_of:
        return when
    held = [t for t in when.any_of if holds(s, t, number)]
    return when.model_copy(update={"any_of": held or when.any_of})
