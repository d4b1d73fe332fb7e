"""The answer key of a teaching note: the analysis of every round, and which events open the zone.

The figures are exactly those of `redlines analyze --round N --json` (a test compares them): the
key calls the same `game.engine.analysis.analyze` on the same situation. What the key adds is the
attribution of a change in the zone to the round's events: each event is taken out in turn, and
the zone recounted without it, so an instructor can say which step opened the door.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.analysis import Analysis, analyze
from game.engine.analysis.conditional import IfFired, if_fired
from game.engine.situation import situation_at
from game.scenario.models import Event, Scenario


@dataclass(frozen=True)
class EventEffect:
    """One event of a round, and what the zone would be without it."""

    what: str  # the event in the game's terms, e.g. "Ukraine drops red line ua-x"
    text: str
    sources: tuple[str, ...]
    zone_without: int
    change: int  # zone with every event of the round minus zone without this one


@dataclass(frozen=True)
class RoundKey:
    """The figures of one round, as its events leave it."""

    number: int
    id: str
    title: str
    date: str
    analysis: Analysis
    zone_before: int  # as the previous round left it (the opening state before round 1)
    effects: tuple[EventEffect, ...]  # events that change the zone, biggest change first
    if_fired: tuple[IfFired, ...] = ()
    """Events of rounds up to this one that happen only if play meets their condition, with
    the zone they leave (the figures above assume none of them happens, as `analyze` does)."""

    @property
    def nash_package(self) -> dict[str, str] | None:
        a = self.analysis
        return a.situation.named(a.nash.package) if a.nash else None

    @property
    def conflicts(self) -> list[tuple[list[str], str]]:
        """Red lines of different parties that cannot hold together: ids and plain words."""
        return [(c.ids, c.explanation) for c in self.analysis.conflicts]


def answer_key(scenario: Scenario) -> list[RoundKey]:
    """Every round's figures and the events that change its zone (pure and deterministic)."""
    before = analyze(situation_at(scenario, 0)).zopa
    keys = []
    for number, rnd in enumerate(scenario.rounds, start=1):
        result = analyze(situation_at(scenario, number))
        effects = _effects(scenario, number, result.zopa) if result.zopa != before else ()
        keys.append(RoundKey(number, rnd.id, rnd.title, rnd.date, result, before, effects,
                             tuple(if_fired(scenario, number))))
        before = result.zopa
    return keys


def _effects(scenario: Scenario, number: int, zone: int) -> tuple[EventEffect, ...]:
    events = scenario.rounds[number - 1].events
    found = []
    for k, event in enumerate(events):
        rounds = list(scenario.rounds)
        rounds[number - 1] = rounds[number - 1].model_copy(
            update={"events": [e for j, e in enumerate(events) if j != k]}
        )
        without = analyze(situation_at(scenario.model_copy(update={"rounds": rounds}), number))
        if without.zopa != zone:
            found.append(EventEffect(describe(scenario, event), event.text,
                                     tuple(event.sources), without.zopa, zone - without.zopa))
    return tuple(sorted(found, key=lambda e: -abs(e.change)))


def describe(scenario: Scenario, event: Event) -> str:
    """An event in the game's own terms, for the answer key."""
    names = {p.id: p.name for p in scenario.parties}
    who = names.get(getattr(event, "party", ""), getattr(event, "party", ""))
    match event.type:
        case "set_weight":
            return f"{who} weighs '{event.issue}' at {event.weight:g}"
        case "set_value":
            return f"{who} values '{event.issue}: {event.option}' at {event.value:g}"
        case "shift_reservation":
            return f"{who}'s reservation value {event.delta:+.2f}"
        case "add_red_line":
            return f"{who} draws red line {event.red_line.id}"
        case "drop_red_line":
            return f"{who} drops red line {event.red_line}"
        case "shift_trust":
            pair = " and ".join(names.get(p, p) for p in event.parties)
            return f"trust between {pair} {event.delta:+.2f}"
        case "join":
            return f"{who} joins the table"
        case _:
            return f"{who} leaves the table"
