"""Utilities as exact integers: one scale for every party, chosen from the authored numbers.

Each weight x value product is a fraction of authored decimals; the least common multiple of
their denominators turns every product into an integer number of units, so sums, comparisons and
Pareto dominance are exact for any decimals an author writes (50.00001 and 50.00004 stay two
different values). Reservation thresholds follow the verdict policy of `scoring`, applied to
the exact fractions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from game.engine.scoring import TOLERANCE_EXACT
from game.engine.situation import PartyState

INT64_ROOM = 1 << 61
"""Largest magnitude, sentinel included, that int64 arrays may hold: beyond it, Python ints."""


@dataclass(frozen=True)
class Units:
    """The integer representation of the parties' utilities."""

    scale: int  # units per utility point, the same for every party
    contrib: tuple[tuple[tuple[int, ...], ...], ...]  # contrib[party][issue][option] in units
    need: np.ndarray  # per party: acceptable (u >= r - tolerance, exactly) iff units >= need
    above: np.ndarray  # per party: a gain (u > r + tolerance, exactly) iff units > above
    reservation: tuple[Fraction, ...]  # per party, exact, in units (for the Nash product)
    dtype: np.dtype[Any]  # int64, or object (Python integers) when int64 could overflow
    big: int  # larger than any sum of units of any party, or of all parties together


def exact_units(table: Sequence[PartyState]) -> Units:
    """Every party's weight x value products as integers over one common scale."""
    numbers = [p.exact_numbers() for p in table]
    products = [[[w * v for v in row] for w, row in zip(n.weights, n.values, strict=True)]
                for n in numbers]
    scale = math.lcm(*(q.denominator for party in products for row in party for q in row))
    contrib = tuple(
        tuple(tuple(q.numerator * (scale // q.denominator) for q in row) for row in party)
        for party in products
    )
    # The largest sum any computation forms: every party's best package, all parties together.
    reach = sum(sum(max(map(abs, row), default=0) for row in party) for party in contrib)
    res = [n.reservation * scale for n in numbers]
    reach = max([reach, *(abs(math.ceil(r)) + 1 for r in res)])
    fits = 4 * reach + 4 < INT64_ROOM
    dtype: np.dtype[Any] = np.dtype(np.int64) if fits else np.dtype(object)
    big = INT64_ROOM if fits else 1 << (4 * reach + 4).bit_length()
    tol = TOLERANCE_EXACT * scale
    need = np.array([math.ceil(r - tol) for r in res], dtype=dtype)
    above = np.array([math.floor(r + tol) for r in res], dtype=dtype)
    return Units(scale, contrib, need, above, tuple(res), dtype, big)
