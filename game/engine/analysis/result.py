"""What an analysis reports: frontier points, conflicts between red lines, and the `Analysis`
with the `analyze --json` contract of the design notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from game.engine import scoring
from game.engine.situation import Package, Rule, Situation


class Point(NamedTuple):
    """A package with its utility for every party at the table (a tuple: cheap by the thousand)."""

    package: Package
    utilities: Mapping[str, float]

    def dominates(self, other: Mapping[str, float]) -> bool:
        """At least as good for every party and better for one (`scoring.dominates`)."""
        return scoring.dominates(self.utilities, other)


@dataclass(frozen=True)
class Conflict:
    """Red lines of different parties that no package can satisfy together (a minimal set)."""

    rules: tuple[Rule, ...]
    explanation: str

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rules]

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.party for r in self.rules))


@dataclass(frozen=True)
class Analysis:
    """Everything `redlines analyze` reports, as of one round."""

    situation: Situation
    outcomes: int
    feasible: int
    zopa: int
    exact: bool  # False when `zopa` is a sampled estimate
    parties: tuple[str, ...]
    pareto: tuple[Point, ...]  # one package per distinct utility vector, highest total first
    nash: Point | None
    nash_product: float | None
    best: Mapping[str, Point]  # each party's favourite feasible package (one on the frontier)
    worst: Mapping[str, Point]  # the feasible package worst for each party
    conflicts: tuple[Conflict, ...]
    own_conflicts: tuple[Conflict, ...]  # a single party's red lines contradicting each other
    conflicts_complete: bool
    reservation_notes: tuple[str, ...]  # why the zone is empty when red lines are not the cause
    deal_order: tuple[int, ...] = ()  # frontier indices acceptable to all, best (exact) first

    @property
    def reasons(self) -> list[str]:
        """Plain-words reasons why no deal is possible (empty when the zone is not empty)."""
        if self.zopa:
            return []
        return [c.explanation for c in (*self.own_conflicts, *self.conflicts)] + list(
            self.reservation_notes
        )

    def improvements(self, package: Package) -> list[Point]:
        """Frontier packages better for some party and worse for none (for the debrief)."""
        utils = utilities(self.situation, package)
        return [p for p in self.pareto if p.dominates(utils)]

    def deals(self, limit: int | None = None) -> list[Point]:
        """Frontier packages acceptable to every party at the table, the Nash point first, then
        by decreasing product of gains over reservation values (compared exactly)."""
        order = self.deal_order if limit is None else self.deal_order[:limit]
        return [self.pareto[i] for i in order]

    def point_json(self, point: Point) -> dict[str, object]:
        return {"package": self.situation.named(point.package), "utilities": dict(point.utilities)}

    def to_json(self) -> dict[str, object]:
        """The `analyze --json` contract of the design notes, plus explanations."""
        pj = self.point_json
        return {
            "scenario": self.situation.scenario.id,
            "round": self.situation.round,
            "outcomes": self.outcomes,
            "feasible": self.feasible,
            "zopa": self.zopa,
            "exact": self.exact,
            "parties": list(self.parties),
            "pareto": [pj(p) for p in self.pareto],
            "nash": pj(self.nash) if self.nash else None,
            "nash_product": self.nash_product,
            "best": {p: pj(pt) for p, pt in self.best.items()},
            "worst": {p: pj(pt) for p, pt in self.worst.items()},
            "conflicts": [c.ids for c in self.conflicts],
            "conflict_explanations": [c.explanation for c in self.conflicts],
            "own_conflicts": [c.ids for c in self.own_conflicts],
            "conflicts_complete": self.conflicts_complete,
            "reasons": self.reasons,
        }


def utilities(situation: Situation, package: Package) -> dict[str, float]:
    """Each party's utility for the package, in floats exactly as `scoring` computes it."""
    return {p.id: p.utility(package) for p in situation.table}
