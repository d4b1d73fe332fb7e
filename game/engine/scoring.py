"""Scoring one package for one party: utility, its breakdown, red lines broken, acceptability;
and the verdict functions every part of the game uses to compare utilities.

Runs on every key press in the package builder, so it stays plain arithmetic over a `Situation`.

The verdict policy (one for the whole game; the engine, the analysis, the TUI, the CLI and the
exports all decide through the functions below, never with their own `>=`):

* Two utilities that differ by at most `TOLERANCE` (1e-9) are the same utility. Utilities are
  sums of a few dozen products of authored numbers; in floats such a sum is off by less than
  1e-13, so a package the authored numbers put exactly at a party's reservation value (0.45
  against 0.45, computed as 0.44999999999999996) is at it, everywhere.
* *Acceptable* (`at_least`, `Score.acceptable`): u >= r - TOLERANCE, and no red line broken.
* *Clears the no-deal value* / *a gain* (`exceeds`): u > r + TOLERANCE.
* *Dominates* (`dominates`): at least as good for every party (within TOLERANCE) and better,
  by more than TOLERANCE, for one. A package is *on the frontier* when it is feasible and no
  feasible package dominates it.
* The analysis applies the same rule to exact fractions of the authored numbers
  (`TOLERANCE_EXACT`), so its counts agree with these float tests unless a utility lies within
  1e-13 of a threshold's edge (r - 1e-9), which takes authored numbers with over 10 significant
  digits. The frontier itself is computed exactly: packages whose exact utilities differ are
  never merged or reordered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from game.engine.situation import Package, PartyState, Rule, Situation

TOLERANCE = 1e-9
"""Utilities closer than this are equal (see the module docstring for the whole policy)."""
TOLERANCE_EXACT = Fraction(1, 10**9)
"""`TOLERANCE` as an exact fraction, for the analysis's exact arithmetic."""


def at_least(utility: float, threshold: float) -> bool:
    """u >= threshold, up to the tolerance: acceptable when the threshold is a reservation
    value; also the test for 'meets an aspiration' or 'keeps a demand'."""
    return utility >= threshold - TOLERANCE


def exceeds(utility: float, threshold: float) -> bool:
    """u > threshold by more than the tolerance: a real gain over no deal (or over a figure)."""
    return utility > threshold + TOLERANCE


def below(utility: float, threshold: float) -> bool:
    """The negation of `at_least`: u falls short of the threshold (worse than no deal)."""
    return not at_least(utility, threshold)


def same(a: float, b: float) -> bool:
    """Equal up to the tolerance."""
    return abs(a - b) <= TOLERANCE


def dominates(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    """`a` is at least as good as `b` for every party of `a` and better for one (per party
    utilities; parties are the keys of `a`)."""
    return (all(at_least(a[p], b[p]) for p in a)
            and any(exceeds(a[p], b[p]) for p in a))


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
        return self.feasible and at_least(self.utility, self.reservation)

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
