"""The Pareto frontier of the feasible packages, merged issue by issue.

Utilities are additive over issues, so if two partial packages reach the same red-line state and
one is at least as good for every party, no completion can make the weaker one better: it is
dropped at once. The work then grows with the frontier of each step, not with the outcome space.
"""

from __future__ import annotations

import numpy as np

from game.engine.analysis.plan import Plan

_BLOCK = 512
_CHAMPIONS = 64


def _dominated_by(points: np.ndarray, by: np.ndarray) -> np.ndarray:
    """For each row of points: does some row of `by` weakly dominate it (>= everywhere)?"""
    out = np.zeros(len(points), dtype=bool)
    if len(by) == 0 or len(points) == 0:
        return out
    step = max(1, (1 << 21) // max(1, len(by)))
    for start in range(0, len(points), step):
        chunk = points[start:start + step]
        acc = by[None, :, 0] >= chunk[:, None, 0]
        for j in range(1, points.shape[1]):
            acc &= by[None, :, j] >= chunk[:, None, j]
        out[start:start + step] = acc.any(axis=1)
    return out


def pareto_indices(points: np.ndarray) -> np.ndarray:
    """Indices of the non-dominated rows (maximising every column), one per distinct vector.

    Rows are taken in decreasing order of their sum: a row can only be dominated by a row with a
    larger sum, so each block is checked against the survivors so far and against itself.
    """
    n, k = points.shape
    if n <= 1:
        return np.arange(n)
    if k == 0:
        return np.arange(1)
    keys = tuple(-points[:, j] for j in reversed(range(k))) + (-points.sum(axis=1),)
    order = np.lexsort(keys)
    ordered = points[order]
    fresh = np.ones(n, dtype=bool)
    fresh[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    order, ordered = order[fresh], ordered[fresh]
    # Cheap first pass: the largest-sum rows knock out most of the rest.
    head = ordered[:_CHAMPIONS]
    alive = np.ones(len(ordered), dtype=bool)
    alive[_CHAMPIONS:] = ~_dominated_by(ordered[_CHAMPIONS:], head)
    order, ordered = order[alive], ordered[alive]
    kept: list[np.ndarray] = []
    kept_rows = np.empty((0, k), dtype=points.dtype)
    for start in range(0, len(ordered), _BLOCK):
        block = ordered[start:start + _BLOCK]
        ok = ~_dominated_by(block, kept_rows)
        sub = block[ok]
        # Rows are distinct, so >= everywhere by another row of the block means dominated.
        inner = _dominated_by_others(sub)
        idx = np.flatnonzero(ok)[~inner] + start
        kept.append(idx)
        kept_rows = np.concatenate([kept_rows, ordered[idx]])
    return order[np.concatenate(kept)] if kept else np.arange(0)


def _dominated_by_others(rows: np.ndarray) -> np.ndarray:
    if len(rows) <= 1:
        return np.zeros(len(rows), dtype=bool)
    acc = rows[None, :, 0] >= rows[:, None, 0]
    for j in range(1, rows.shape[1]):
        acc &= rows[None, :, j] >= rows[:, None, j]
    np.fill_diagonal(acc, False)
    return np.asarray(acc.any(axis=1))


def frontier(plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    """(utilities in units, packages in scenario issue order) of the feasible frontier."""
    k = plan.parties
    buckets: dict[int, tuple[np.ndarray, np.ndarray]] = {
        0: (np.zeros((1, k), dtype=plan.dtype), np.zeros((1, 0), dtype=np.int16))
    }
    for t in range(len(plan.order)):
        trans, contrib = plan.trans[t], plan.contrib[t]
        parts: dict[int, list[tuple[np.ndarray, np.ndarray, int]]] = {}
        for state, (utils, pkgs) in buckets.items():
            for opt in range(trans.shape[1]):
                nxt = int(trans[state, opt])
                if nxt >= 0:
                    parts.setdefault(nxt, []).append((utils + contrib[opt], pkgs, opt))
        buckets = {}
        for nxt, group in parts.items():
            utils = np.concatenate([g[0] for g in group])
            pkgs = np.concatenate([
                np.hstack([p, np.full((len(p), 1), opt, dtype=np.int16)]) for _, p, opt in group
            ])
            keep = pareto_indices(utils)
            buckets[nxt] = (utils[keep], pkgs[keep])
    if not buckets:
        return np.zeros((0, k), dtype=plan.dtype), np.zeros((0, len(plan.order)), dtype=np.int16)
    utils, pkgs = buckets[0]
    return utils, plan.unorder(pkgs)
