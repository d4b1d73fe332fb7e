"""Older save formats brought up to the current one, a step per version (see `game.saves`).

Each step takes the JSON document of one version and returns that of the next. Version 2 kept
the player's moves alone, so its step replays them with the computer deciding as it did then
(`legacy`), and keeps every seat's moves that result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from game.engine.moves import Move
from game.scenario.models import Scenario


def _migrate_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 called the moves `events` and knew neither difficulty nor mediator."""
    out = {k: v for k, v in data.items() if k not in ("events", "version")}
    out["moves"] = data.get("events", [])
    out["version"] = 2
    out.setdefault("format", "redlines-save")
    return out


def _migrate_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 kept the player's moves alone: replay them with the computer deciding (as
    version 2 did on every load, when difficulty did not change how it played: `legacy`) and
    keep every seat's moves that result."""
    from game.engine.session import Session

    old = _V2.model_validate(data)
    session = Session.replay(old.scenario, old.role, list(old.moves), seed=old.seed,
                             difficulty=old.difficulty, mediator=old.mediator, legacy=True)
    out = {k: v for k, v in data.items() if k not in ("log", "version")}
    out["plays"] = [p.model_dump(mode="json") for p in session.plays]
    out["version"] = 3
    return out


class _V2(BaseModel):
    """The fields of a version-2 save that its migration reads."""

    scenario: Scenario
    role: str
    mediator: str | None = None
    difficulty: str | None = None
    seed: int
    moves: list[Move]


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1, 2: _migrate_2,
}


