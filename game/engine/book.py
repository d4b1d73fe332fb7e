"""A scenario compiled round by round, computed once per game or shared by many.

Situations and analyses depend only on the scenario and the round, so one `Book` serves every
game played on a scenario: `redlines simulate`, the bench and the replay viewer pass theirs to
each session they start instead of keeping module-level caches keyed on object ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.situation import EventKey, Situation, situation_at
from game.scenario.models import Scenario

if TYPE_CHECKING:
    import numpy as np

    from game.engine.analysis import Analysis
    from game.engine.pools import Pool, PoolKey
    from game.engine.situation import PartyState


class Book:
    """The situations and analyses of one scenario, by round, and the search spaces the computer
    players build from them."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._situations: dict[tuple[int, frozenset[EventKey]], Situation] = {}
        self._analyses: dict[tuple[int, frozenset[EventKey]], Analysis] = {}
        self.pools: dict[PoolKey, Pool] = {}
        """Each party state's own feasible packages (computer players' search space)."""
        self.candidates: dict[tuple[PartyState, ...], tuple[np.ndarray, dict[str, np.ndarray]]]
        self.candidates = {}
        """Packages within every red line at a table, with their utilities (mediator bot)."""

    def situation(self, number: int, fired: frozenset[EventKey] = frozenset()) -> Situation:
        """The numbers as of round `number` (0: before any event), every party at the table,
        with the conditional events in `fired` applied (those of later rounds are ignored, so
        a game's whole fired set serves every round of it)."""
        key = (number, frozenset(k for k in fired if k[0] <= number))
        hit = self._situations.get(key)
        if hit is None:
            hit = self._situations[key] = situation_at(self.scenario, number, key[1])
        return hit

    def analysis(self, number: int, fired: frozenset[EventKey] = frozenset()) -> Analysis:
        """The outcome space as of round `number`, with its full table."""
        from game.engine.analysis import analyze

        key = (number, frozenset(k for k in fired if k[0] <= number))
        hit = self._analyses.get(key)
        if hit is None:
            hit = self._analyses[key] = analyze(self.situation(*key))
        return hit
