"""One of our computer parties playing bilateral alternating offers on a GENIUS domain.

The game's `Agent` (game/engine/agents.py) decides; this wrapper only feeds it what a seat at a
two-party table would see: the other side's offers, and the clock. It knows its own utility
function and nothing of the other side's (it models the other side from its offers, with the
agent's frequency model, as in the game).

The game plays a scenario in rounds; here the deadline's steps are cut into `ROUNDS` rounds, so
that round-based behaviour (a hard-liner's deadline round, pressure that cools when a new round
starts) keeps its meaning. Two settings are the bench's, not the game's, and are off by default
so that the engine's counterpart is measured as it plays:

- `endgame`: accept an offer worth at least what we would table next (AC-next, Baarslag et al.
  2014), and, in the last `LAST` share of the time, the best offer the other side has made if
  it beats no deal (both standard ANAC acceptance conditions);
- `late_best`: in that last share of the time, table the other side's best offer so far (for
  us) when it beats no deal: a package it proposed itself, rather than one it keeps refusing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import cast

from game.engine.agents import Agent
from game.engine.scoring import at_least
from game.engine.situation import Package, PartyState, Situation
from game.engine.strategies import Curve
from game.scenario.models import Scenario, Strategy, StrategyName

ROUNDS = 10
"""Rounds the deadline is cut into (the bundled scenarios have 6 to 12)."""
LAST = 0.05
"""Share of the time, at its end, in which the end-game settings act."""
US, THEM = "us", "them"


def game_clock(step: int, steps: int | None, relative: float) -> float:
    """The talks' progress as the game counts it: the last of `steps` steps (`step` counts
    from 0) is the deadline, t = 1, as the last turn of the last round is in the game
    (`TableState.progress`). NegMAS's relative time, `relative` = (step + 1) / (steps + 1),
    stops short of 1 at the last step, so the engine never met its own deadline there: a hold
    meant to be gone by then still stood. Without a step limit, NegMAS's own figure."""
    if not steps:
        return relative
    return min(1.0, (step + 1) / steps)


@dataclass
class Counterpart:
    """Our party on one side of a bilateral negotiation."""

    own: PartyState
    sizes: tuple[int, ...]
    strategy: StrategyName = "tit_for_tat"
    level: float = 1.0
    """0: as on the easiest difficulty; 1: as on the hardest."""
    seed: int = 0
    endgame: bool = False
    late_best: bool = False
    agent: Agent = field(init=False)
    rng: random.Random = field(init=False)
    round: int = field(init=False, default=1)
    best_seen: tuple[float, Package] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        curve = Curve(Strategy(name=self.strategy), ROUNDS)
        # `live`: a computer delegation as the game seats it (the easiest level is eager)
        self.agent = Agent(US, curve, self.sizes, level=self.level, live=True)
        self.rng = random.Random(self.seed)

    def _sit(self) -> Situation:
        """The two-party table as the agent reads it. Its counter and aspiration read only the
        parties' states and who is at the table, never the scenario's texts (there are none),
        so no scenario is built; the other side's state is not given (it is unknown to us)."""
        issue_ids = tuple(f"i{k}" for k in range(len(self.sizes)))
        option_ids = tuple(tuple(f"o{j}" for j in range(n)) for n in self.sizes)
        return Situation(cast(Scenario, None), self.round, issue_ids, option_ids,
                         {US: self.own}, (US, THEM))

    def _clock(self, t: float) -> None:
        """A new round cools the pressure, as RoundStarted does in the game."""
        now = min(ROUNDS, 1 + int(t * ROUNDS))
        if now != self.round:
            self.round = now
            self.agent.refresh(self._sit())

    def floor(self) -> float:
        return self.own.reservation

    def aspiration(self, t: float) -> float:
        self._clock(t)
        return self.agent.aspiration(self.own, t, self.floor(), self.round)

    def observe(self, package: Package) -> None:
        """The other side tabled `package` (counts as the player's seat: its pressure counts)."""
        self.agent.observe(THEM, package, self.own, press=True)
        u = self.own.utility(package)
        if self.best_seen is None or u > self.best_seen[0]:
            self.best_seen = (u, package)

    def accepts(self, package: Package, t: float) -> bool:
        """The engine's test (the package meets the floor and the aspiration), plus the bench's
        end-game conditions when `endgame` is set."""
        u = self.own.utility(package)
        if at_least(u, max(self.floor(), self.aspiration(t))):
            return True
        if not self.endgame or not at_least(u, self.floor()):
            return False
        nxt = self._counter(t)
        if nxt is not None and at_least(u, self.own.utility(nxt)):
            return True
        return t >= 1 - LAST and self.best_seen is not None and at_least(u, self.best_seen[0])

    def _counter(self, t: float) -> Package | None:
        asp = self.aspiration(t)
        return self.agent.counter(self._sit(), asp, [THEM], self.rng, own=self.own,
                                  floor=self.floor())

    def offer(self, t: float) -> Package:
        """The agent's counter; with `late_best`, near the deadline, the other side's best offer
        when it beats no deal."""
        pkg = self._counter(t)
        if self.late_best and t >= 1 - LAST and self.best_seen is not None:
            u, seen = self.best_seen
            if at_least(u, self.floor()):
                return seen
        if pkg is None:  # nothing above its floor in its pool: its best package
            pkg = tuple(int(x) for x in self.agent.pool(self.own).packages[0])
        return pkg
