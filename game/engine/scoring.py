"""Scoring one package for one party: utility, its breakdown, red lines broken, acceptability.

Runs on every key press in the package builder, so it stays plain arithmetic over a `Situation`.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.situation import Package, PartyState, Rule, Situation


@dataclass(frozen=True)
class Score:
    """How a package looks to one party (numbers as defined in the design notes)."""

    party: str
    utility: float
    breakdown: tuple[float, ...]  # w_i * v_i(option_i) per issue, in issue order; sums to utility
    reservation: float
    violations: tuple[Rule, ...]

    @property
    def feasible(self) -> bool:
        return not self.violations

    @property
    def acceptable(self) -> bool:
        return self.feasible and self.utility >= self.reservation - 1e-12

    @property
    def surplus(self) -> float:
        return self.utility - self.reservation


def violations(party: PartyState, package: Package) -> tuple[Rule, ...]:
    return tuple(r for r in party.rules if r.broken_by(package))


def score(situation: Situation, package: Package, party: str) -> Score:
    p = situation.parties[party]
    parts = tuple(w * v[o] for w, v, o in zip(p.weights, p.values, package, strict=True))
    return Score(party, sum(parts), parts, p.reservation, violations(p, package))


def score_all(situation: Situation, package: Package) -> dict[str, Score]:
    """The package scored for every party at the table, in table order."""
    return {pid: score(situation, package, pid) for pid in situation.at_table}


def feasible(situation: Situation, package: Package) -> bool:
    """Breaks no red line of any party at the table."""
    return not any(r.broken_by(package) for p in situation.table for r in p.rules)
