"""Each computer party's pool of its own feasible packages, spread over its utility range.

Large outcome spaces are never enumerated per answer: a pool is built once per party state and
shared by every session on the scenario (numpy; kept in the scenario's book). Masks over a pool
(which packages break a red line, which hold an option the party opposes) are cached in it.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from game.engine.situation import PartyState, Rule

ENUMERATE_LIMIT = 60_000
"""Outcome spaces up to this size are enumerated once per party state; larger ones are sampled."""
SAMPLES = 24_000
KEEP_ALL = 5_000
"""Pools up to this size keep every own feasible package; larger ones keep a spread."""
LEVELS = 50
PER_LEVEL = 60
OPPOSED = 0.1
"""An option a party values at most this (0-1) contradicts its own position: it never tables it
(a game assumption standing in for its public statements)."""


PoolKey = tuple[str, tuple[float, ...], tuple[tuple[float, ...], ...], tuple[Rule, ...],
                tuple[int, ...]]
"""What a pool depends on: the party's numbers and red lines, not its no-deal value (which
events move every round without changing which packages it can sign)."""


@dataclass(frozen=True)
class Pool:
    """A party's own feasible packages, best first, spread over its utility range."""

    packages: np.ndarray  # (m, issues) option indices
    utilities: np.ndarray  # (m,) own utility, descending
    masks: dict[tuple[str, str], tuple[tuple, np.ndarray]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Red-line id -> which packages break it (filled on demand, shared by every session)."""

    def breaks(self, rule: Rule) -> np.ndarray:
        key = (rule.party, rule.id)
        hit = self.masks.get(key)
        if hit is None or hit[0] != rule.literals:  # an event may redraw a red line
            hit = self.masks[key] = (rule.literals, broken_mask(rule, self.packages))
        return hit[1]

    @property
    def top(self) -> float:
        return float(self.utilities[0]) if len(self.utilities) else 0.0


def pool_for(party: PartyState, sizes: tuple[int, ...],
             pools: dict[PoolKey, Pool] | None = None) -> Pool:
    """The pool of `party` as of its current state; `pools` (a game book's) keeps the pools
    already built, which every game played on one scenario shares."""
    if pools is None:
        return _build_pool(party, sizes)
    key = (party.id, party.weights, party.values, party.rules, sizes)
    hit = pools.get(key)
    if hit is None:
        hit = pools[key] = _build_pool(party, sizes)
    return hit


def _build_pool(party: PartyState, sizes: tuple[int, ...]) -> Pool:
    rng = np.random.default_rng(zlib.crc32(party.id.encode()))
    total = int(np.prod(np.array(sizes, dtype=np.float64)))
    if total <= ENUMERATE_LIMIT:
        pkgs = np.indices(sizes).reshape(len(sizes), -1).T
    else:
        pkgs = _sample(party, sizes, rng)
    pkgs = pkgs.astype(np.int16)
    mask = np.ones(len(pkgs), dtype=bool)
    for rule in party.rules:
        broken = np.ones(len(pkgs), dtype=bool)
        for i, opts in rule.literals:
            broken &= np.isin(pkgs[:, i], sorted(opts))
        mask &= ~broken
    pkgs = pkgs[mask]
    utils = _utilities(party, pkgs)
    if len(pkgs) > KEEP_ALL:
        pkgs, utils = _spread(pkgs, utils, rng)
    order = np.lexsort((np.arange(len(utils)), -utils))
    return Pool(pkgs[order], utils[order])


def _sample(party: PartyState, sizes: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Random packages, half uniform and half biased toward the party's own high values."""
    half = SAMPLES // 2
    cols = []
    for i, k in enumerate(sizes):
        uniform = rng.integers(0, k, size=half)
        weights = (np.array(party.values[i]) + 0.05) ** 3
        biased = rng.choice(k, size=SAMPLES - half, p=weights / weights.sum())
        cols.append(np.concatenate([uniform, biased]))
    best = np.array([int(np.argmax(v)) for v in party.values])
    pkgs = np.vstack([best[None, :], np.stack(cols, axis=1)])
    return _unique_rows(pkgs, sizes)


def _unique_rows(pkgs: np.ndarray, sizes: tuple[int, ...]) -> np.ndarray:
    """`np.unique(pkgs, axis=0)`, through one mixed-radix code per row: sorting 24,000 integers
    instead of 24,000 rows cut a sampled pool's build from about 40 ms to 4 (a hard Stalemate
    game builds one per party and round)."""
    if float(np.prod(np.array(sizes, dtype=np.float64))) >= 2.0 ** 62:
        return np.unique(pkgs, axis=0)  # too many packages for one int64 code
    radix = np.cumprod((1,) + sizes[:0:-1], dtype=np.int64)[::-1]
    codes = np.unique(pkgs.astype(np.int64) @ radix)
    return np.stack([(codes // r) % k for r, k in zip(radix, sizes, strict=True)], axis=1)


def _utilities(party: PartyState, pkgs: np.ndarray) -> np.ndarray:
    u = np.zeros(len(pkgs))
    for i, (w, vals) in enumerate(zip(party.weights, party.values, strict=True)):
        u += w * np.asarray(vals)[pkgs[:, i]]
    return u


def _spread(
    pkgs: np.ndarray, utils: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Keep at most PER_LEVEL packages per utility level, always keeping the very best."""
    level = np.minimum((utils * LEVELS).astype(int), LEVELS - 1)
    key = rng.random(len(utils))
    order = np.lexsort((key, level))
    keep = np.zeros(len(utils), dtype=bool)
    lv = level[order]
    starts = np.searchsorted(lv, lv, side="left")
    rank = np.arange(len(lv)) - starts
    keep[order[rank < PER_LEVEL]] = True
    keep[int(np.argmax(utils))] = True
    return pkgs[keep], utils[keep]


def opposed(party: PartyState, pool: Pool) -> np.ndarray:
    """Which pool packages hold an option the party opposes: one it values at most OPPOSED,
    such as European allies' worth of Ukraine's demilitarisation (cached in the pool)."""
    key = ("", "opposed")
    hit = pool.masks.get(key)
    if hit is None:
        out = np.zeros(len(pool.packages), dtype=bool)
        for i, vals in enumerate(party.values):
            low = np.asarray(vals) <= OPPOSED
            if low.any() and not low.all():
                out |= low[pool.packages[:, i]]
        hit = pool.masks[key] = ((), out)
    return hit[1]


def broken_mask(rule: Rule, pkgs: np.ndarray) -> np.ndarray:
    """Which of `pkgs` break `rule` (vectorised: one table look-up per literal)."""
    out = np.ones(len(pkgs), dtype=bool)
    for i, opts in rule.literals:
        if not opts:  # a literal no option makes true: nothing breaks the rule
            return np.zeros(len(pkgs), dtype=bool)
        table = np.zeros(max(opts) + 2, dtype=bool)
        table[sorted(opts)] = True
        col = pkgs[:, i]
        out &= table[np.minimum(col, len(table) - 1)]
    return out
