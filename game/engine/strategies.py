"""How a computer-played party concedes over time: the named strategies of the scenario format.

Each strategy turns "how far the talks have gone" into an aspiration: the lowest utility the party
asks for now, between its floor (reservation value plus the mistrust premium) and the best it can
hope for. `describe()` says the same in words a student can use.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.models import Strategy

HARDLINER_GIVE = 0.15
"""Share of its range a hard-liner gives up before its deadline."""
TFT_DRIFT = 0.25
"""Share of its range a tit-for-tat party gives up over the whole talks even if nobody moves."""

DESCRIPTIONS = {
    "boulware": "holds out for close to its best until late in the talks, then concedes quickly",
    "conceder": "gives ground early, then holds near its bottom line",
    "linear": "concedes at a steady pace from its best toward its bottom line",
    "tit_for_tat": "mirrors the others: it concedes as much as the offers it receives improve "
    "for it, and barely moves if they do not",
    "hardliner": "barely moves until its deadline round, then settles for its bottom line or "
    "walks out",
}


@dataclass(frozen=True)
class Curve:
    """A strategy with its parameters, as the scenario sets them for one party."""

    strategy: Strategy
    rounds: int
    temper: float = 1.0
    """Per-game variation of the concession shape (drawn from the seed): 1 = as authored."""

    @property
    def name(self) -> str:
        return self.strategy.name

    @property
    def deadline(self) -> int:
        """Hard-liner's deadline round (1-based); the last round when the scenario names none."""
        d = self.strategy.deadline_round or self.rounds
        return min(d, self.rounds)

    def exponent(self) -> float:
        """Concession shape e: the scenario's value, or the usual one for the strategy's name."""
        e = self.strategy.exponent
        if e == 1.0:
            e = {"boulware": 0.3, "conceder": 3.0}.get(self.name, 1.0)
        return e * self.temper

    def aspiration(self, t: float, top: float, floor: float, received: float, round_: int) -> float:
        """Lowest utility asked for at time t in [0, 1] of the talks.

        `received` is how far (0-1 of its range) the others' offers have come toward this party,
        used by tit-for-tat only; `round_` is the 1-based round, used by the hard-liner only.
        """
        t = min(1.0, max(0.0, t))
        span = max(0.0, top - floor)
        if self.name == "hardliner":
            give = 1.0 if round_ >= self.deadline else HARDLINER_GIVE * t
        elif self.name == "tit_for_tat":
            give = min(1.0, received + TFT_DRIFT * t)
        else:
            give = t ** (1.0 / self.exponent())
        return floor + span * (1.0 - give)

    def describe(self) -> str:
        """The strategy in plain words, with its parameters."""
        text = DESCRIPTIONS[self.name]
        if self.name == "hardliner":
            text += f" (deadline: round {self.deadline})"
        elif self.name in ("boulware", "conceder", "linear") and self.exponent() != 1.0:
            e = self.exponent()
            # in words, not as "concession curve exponent": students read this line
            pace = ("holds out longer than a steady pace" if e < 0.9 else
                    "gives ground sooner than a steady pace" if e > 1.1 else
                    "gives ground at about a steady pace")
            text += f" (it {pace})"
        if self.strategy.walkout_margin > 0:
            text += (
                f"; it walks out when the best it expects falls {self.strategy.walkout_margin:.2f}"
                " below its alternative to a deal"
            )
        return text
