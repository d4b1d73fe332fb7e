"""Which conditional events would open the zone of agreement: the analysis run once with each
conditional event of rounds 1..N fired, besides the default run in which none fires.

It answers the author's and the instructor's question "what must the players do for a deal to
become possible by round N?" without playing a game: each event stands for the play its `when`
names, so the report lists the play that opens (or closes) the zone.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.analysis.outcome_space import analyze
from game.engine.situation import EventKey, situation_at
from game.scenario.models import Scenario


@dataclass(frozen=True)
class IfFired:
    """The zone of agreement as of a round if one conditional event (or all of them) fired."""

    events: tuple[EventKey, ...]
    round_id: str
    text: str
    zopa: int
    exact: bool

    def to_json(self) -> dict[str, object]:
        return {"events": [{"round": r, "index": k} for r, k in self.events],
                "round_id": self.round_id, "text": self.text, "zopa": self.zopa,
                "exact": self.exact}


def conditional_events(scenario: Scenario, number: int) -> list[EventKey]:
    """The places of the conditional events of rounds 1..number."""
    return [(r, k) for r, rnd in enumerate(scenario.rounds[:number], start=1)
            for k, e in enumerate(rnd.events) if e.when is not None]


def if_fired(scenario: Scenario, number: int) -> list[IfFired]:
    """One row per conditional event of rounds 1..number, then (when there are several) one
    with all of them fired together."""
    keys = conditional_events(scenario, number)
    rows = []
    for key in keys:
        r, k = key
        event = scenario.rounds[r - 1].events[k]
        a = analyze(situation_at(scenario, number, frozenset([key])))
        rows.append(IfFired((key,), scenario.rounds[r - 1].id, event.text, a.zopa, a.exact))
    if len(keys) > 1:
        a = analyze(situation_at(scenario, number, frozenset(keys)))
        rows.append(IfFired(tuple(keys), "all", "every conditional event above", a.zopa, a.exact))
    return rows
