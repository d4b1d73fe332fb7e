"""Warnings: things a valid scenario may mean to do, but that are usually slips.

They never fail validation (the game plays the file as written); `redlines validate` prints them
as `PATH:LINE:COL: warning: ...` so that an author sees them beside the errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.scenario.models import Scenario
from game.scenario.yamlsafe import Problem

# A sum in this range (but not 100) looks like percentages that do not add up; a sum far from it
# (the tutorial's 10, a 1-5 scale) is a deliberate scale of its own and is left alone.
PERCENT_LIKE = (50.0, 150.0)


def advise(s: Scenario) -> list[Problem]:
    """Every warning for a schema-valid scenario, in document order."""
    return [*_uncited(s), *_weights(s)]


def cited_sources(s: Scenario) -> set[str]:
    """Every source id that some item cites (the `sources` lists of issues, parties, events ...)."""
    found: set[str] = set()

    def walk(node: object, top: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and not top and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                else:
                    walk(value, False)
        elif isinstance(node, list):
            for value in node:
                walk(value, False)

    walk(s.model_dump(), True)
    return found


def _uncited(s: Scenario) -> Iterator[Problem]:
    used = cited_sources(s)
    for i, src in enumerate(s.sources):
        if src.id not in used:
            yield Problem(
                ("sources", i, "id"),
                f"source '{src.id}' is listed but never cited; cite it where it supports an item "
                f"(sources: [{src.id}]) or remove it from the list",
            )


def _weights(s: Scenario) -> Iterator[Problem]:
    low, high = PERCENT_LIKE
    for i, p in enumerate(s.parties):
        total = sum(p.weights.values())
        if low <= total <= high and abs(total - 100) > 1e-9:
            issue, weight = max(p.weights.items(), key=lambda kv: kv[1])
            yield Problem(
                ("parties", i, "weights"),
                f"weights sum to {total:g}, not 100; each is divided by the sum, so '{issue}' "
                f"counts {100 * weight / total:.1f}%, not {weight:g}%: if you meant percentages, "
                "make them add up to 100",
            )
