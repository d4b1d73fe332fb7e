"""The coach's wider search, for a seat that knows every party's numbers exactly (easy).

Two changes are often not enough: from one side's favourite package no single trade of two
issues leaves everybody at least as well off. When the seat's view is exact the coach need not
guess, so it looks at every package (the largest bundled scenario has 124,416) and either finds
the nearest one better for the seat and no worse for any party, or can say truthfully that none
exists. Worths come from the seat's own numbers and the stances it sees, never from the hidden
situation, so the search uses only what the seat may know.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from game.engine.scoring import TOLERANCE
from game.engine.situation import Situation
from game.engine.views import SeatView

SPACE_CAP = 2_000_000
"""The most packages the coach counts through (the bundled scenarios have at most 124,416);
beyond it the search stays within two changes and the coach says so."""


def searchable(sit: Situation) -> bool:
    """Whether every package of the scenario fits the coach's search (`SPACE_CAP`)."""
    return math.prod(len(i.options) for i in sit.scenario.issues) <= SPACE_CAP


def exact_rows(v: SeatView, sit: Situation) -> dict[str, list[list[float]]] | None:
    """Each party's worth per issue and option (party -> issue index -> option index), from the
    seat's own numbers and what it sees of the others; None when any of them is not exact."""
    issues = sit.scenario.issues
    rows: dict[str, list[list[float]]] = {}
    for p in v.seat.members:
        st = sit.parties[p]
        rows[p] = [[w * x for x in vals] for w, vals in zip(st.weights, st.values, strict=True)]
    for stance in v.stances:
        if stance.party in rows:
            continue
        if stance.priorities is None or stance.values is None:
            return None
        total = sum(stance.priorities.get(i.id, 0.0) for i in issues) or 1.0
        rows[stance.party] = [[stance.priorities.get(i.id, 0.0) / total
                               * stance.values.get(i.id, {}).get(o.id, 0.0) for o in i.options]
                              for i in issues]
    return rows


def _grid(per_issue: Sequence[Sequence[float]]) -> np.ndarray:
    """The worth of every package, flat, in the order `np.ndindex` walks the options."""
    total = np.zeros(1)
    for row in per_issue:
        total = np.add.outer(total, np.asarray(row, dtype=float)).ravel()
    return total


def better_for_all(sit: Situation, rows: dict[str, list[list[float]]],
                   package: dict[str, str], members: Sequence[str],
                   broken: Callable[[dict[str, str]], int]) -> list[tuple[dict[str, str], float]]:
    """Packages no worse for any party and better for one, breaking no more known red lines than
    `package`, each with its gain: for a party seat, what its members gain on average (it must
    gain); for a mediator, the parties' total gain. Fewest changes first, then most gained; at
    most twenty. Empty when no package anywhere is better for every party than `package`."""
    issues = sit.scenario.issues
    sizes = [len(i.options) for i in issues]
    now_idx = sit.package(package)
    ok = np.ones(int(np.prod(sizes)), dtype=bool)
    some = np.zeros_like(ok)
    gain = np.zeros(len(ok))
    for party, per_issue in rows.items():
        worth = _grid(per_issue)
        worth -= sum(per_issue[k][o] for k, o in enumerate(now_idx))
        ok &= worth >= -TOLERANCE
        some |= worth > TOLERANCE
        if not members or party in members:
            gain += worth / (len(members) or 1)
    hits = np.flatnonzero(ok & some & (gain > TOLERANCE))
    if not len(hits):
        return []
    coords = np.stack(np.unravel_index(hits, sizes), axis=1)
    changes = (coords != np.asarray(now_idx)).sum(axis=1)
    now_broken = broken(package)
    out: list[tuple[dict[str, str], float]] = []
    for i in np.lexsort((-gain[hits], changes)):
        cand = {iss.id: iss.options[int(o)].id for iss, o in zip(issues, coords[i], strict=True)}
        if broken(cand) <= now_broken:
            out.append((cand, float(gain[hits[i]])))
            if len(out) >= 20:
                break
    return out
