"""Which conditional events would open the zone of agreement: the analysis run once for each
condition (the events that share one `when` fire together, as they do in play), and once with
every conditional event of rounds 1..N fired, besides the default run in which none fires.

It answers the author's and the instructor's question "what must the players do for a deal to
become possible by round N?" without playing a game: each condition stands for the play it
names, so the report lists the play that opens (or closes) the zone.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.analysis.outcome_space import analyze
from game.engine.situation import EventKey, situation_at
from game.scenario.models import Scenario
from game.scenario.trigger_words import conditions_in_words


@dataclass(frozen=True)
class IfFired:
    """The zone of agreement as of a round if the events of one condition (or all) fired."""

    events: tuple[EventKey, ...]
    when: str
    """The condition in words ('' for the row with every conditional event)."""
    texts: tuple[str, ...]
    zopa: int
    exact: bool

    def to_json(self) -> dict[str, object]:
        return {"events": [{"round": r, "index": k} for r, k in self.events], "when": self.when,
                "texts": list(self.texts), "zopa": self.zopa, "exact": self.exact}


def conditional_events(scenario: Scenario, number: int) -> list[EventKey]:
    """The places of the conditional events of rounds 1..number."""
    return [(r, k) for r, rnd in enumerate(scenario.rounds[:number], start=1)
            for k, e in enumerate(rnd.events) if e.when is not None]


def if_fired(scenario: Scenario, number: int) -> list[IfFired]:
    """One row per condition of the conditional events of rounds 1..number, then (when there
    are several conditions) one with all of them fired together."""
    keys = conditional_events(scenario, number)
    groups: dict[str, list[EventKey]] = {}
    for r, k in keys:
        when = scenario.rounds[r - 1].events[k].when
        assert when is not None
        groups.setdefault(when.model_dump_json(), []).append((r, k))
    rows = [_row(scenario, number, tuple(group)) for group in groups.values()]
    if len(groups) > 1:
        rows.append(_row(scenario, number, tuple(keys), ""))
    return rows


def _row(scenario: Scenario, number: int, keys: tuple[EventKey, ...],
         when: str | None = None) -> IfFired:
    events = [scenario.rounds[r - 1].events[k] for r, k in keys]
    if when is None:
        first = events[0].when
        assert first is not None
        when = conditions_in_words(scenario, first)
    a = analyze(situation_at(scenario, number, frozenset(keys)))
    return IfFired(keys, when, tuple(e.text for e in events), a.zopa, a.exact)
