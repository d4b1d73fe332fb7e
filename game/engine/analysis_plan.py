"""Red lines compiled into a small state machine over the issues, for dynamic programming.

Walking the issues one at a time, a red line that touches both issues already chosen and issues
still open is *pending*: it is either still *armed* (every chosen issue matches its literal, so it
may yet be broken) or already satisfied. The state after a step is the set of armed pending
lines. Issues are ordered so that few lines are pending at once, so the number of states stays
small even when red lines tie many issues together; every count, bound and frontier of the
analysis is then a pass over `Plan.trans` and `Plan.contrib`.

Utilities are kept as exact integers, in units of 1/scale[p] for each party p: authored weights
and values are simple numbers (w_i = raw_i / total, v = raw / 100), so a common denominator makes
every contribution an integer. Sums are then exact and order-independent: two packages worth the
same are equal, never 1e-16 apart, and Pareto dominance is decided exactly. Parties whose numbers
have no small common denominator fall back to rounding at about 1e-15 (the comparisons then allow
for the rounding; reported utilities are always computed like `scoring`, in floats).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from math import gcd

import numpy as np

from game.engine.situation import Rule, Situation

MAX_DENOMINATOR = 10_000
"""Largest common denominator searched for a party's weights, and separately for its values."""
FALLBACK_WEIGHTS = 10**9
FALLBACK_VALUES = 10**6
"""Units per point for weights (values) that have no small common denominator: rounded, then."""


@dataclass(frozen=True)
class Plan:
    """Issue order, state transitions and per-option utility contributions of a situation."""

    order: tuple[int, ...]  # issue indices in processing order
    sizes: tuple[int, ...]  # number of options per issue, in scenario issue order
    trans: tuple[np.ndarray, ...]  # trans[t][state, option] -> next state, or -1 (breaks a line)
    contrib: tuple[np.ndarray, ...]  # contrib[t][option, party] in units, issue order[t]
    scale: np.ndarray  # per party: units per utility point (float64)
    reservation: np.ndarray  # per party: reservation value in units (float64)
    need: np.ndarray  # per party: acceptable (u >= r, with the scoring's slack) iff units >= need
    above: np.ndarray  # per party: units > above iff u > r (strictly, beyond rounding)

    @property
    def parties(self) -> int:
        return int(self.scale.shape[0])

    def utilities(self, units: np.ndarray) -> np.ndarray:
        return units / self.scale

    def states(self, t: int) -> int:
        return 1 if t == len(self.order) else int(self.trans[t].shape[0])

    def unorder(self, packages: np.ndarray) -> np.ndarray:
        """Columns in processing order -> columns in scenario issue order."""
        out = np.empty_like(packages)
        out[:, list(self.order)] = packages
        return out


def _literals(rule: Rule) -> dict[int, frozenset[int]]:
    out: dict[int, frozenset[int]] = {}
    for issue, opts in rule.literals:
        out[issue] = out[issue] & opts if issue in out else opts
    return out


def _order(n: int, rule_issues: Sequence[frozenset[int]]) -> tuple[int, ...]:
    """Greedy order keeping few red lines pending: each step adds the issue that leaves fewest."""
    done: set[int] = set()
    order: list[int] = []
    while len(order) < n:
        def pending_after(i: int) -> tuple[int, int, int]:
            seen = done | {i}
            pend = sum(1 for s in rule_issues if s & seen and not s <= seen)
            touching = sum(1 for s in rule_issues if i in s)
            return pend, touching, i

        nxt = min((i for i in range(n) if i not in done), key=pending_after)
        done.add(nxt)
        order.append(nxt)
    return tuple(order)


def compile_plan(situation: Situation, rules: Sequence[Rule] | None = None) -> Plan:
    """The plan for the parties at the table, with their red lines (or the given rules)."""
    table = situation.table
    if rules is None:
        rules = [r for p in table for r in p.rules]
    n = len(situation.issue_ids)
    sizes = tuple(len(o) for o in situation.option_ids)
    lits = [_literals(r) for r in rules]
    rule_issues = [frozenset(lit) for lit in lits]
    order = _order(n, rule_issues)
    trans: list[np.ndarray] = []
    pending: list[int] = []
    states: dict[int, int] = {0: 0}
    processed: set[int] = set()
    for issue in order:
        after = processed | {issue}
        nxt_pending = [k for k, s in enumerate(rule_issues) if s & after and not s <= after]
        position = {k: b for b, k in enumerate(nxt_pending)}
        involved = [k for k, s in enumerate(rule_issues) if issue in s or k in pending]
        nxt_states: dict[int, int] = {}
        table_t = np.full((len(states), sizes[issue]), -1, dtype=np.int32)
        for mask, sid in states.items():
            for opt in range(sizes[issue]):
                new_mask, ok = 0, True
                for k in involved:
                    # A line not yet pending starts at this issue, armed.
                    armed = bool(mask >> pending.index(k) & 1) if k in pending else True
                    if armed and issue in lits[k]:
                        armed = opt in lits[k][issue]
                    if not armed:
                        continue
                    if rule_issues[k] <= after:
                        ok = False  # every literal matched: the line is broken
                        break
                    new_mask |= 1 << position[k]
                if ok:
                    table_t[sid, opt] = nxt_states.setdefault(new_mask, len(nxt_states))
        trans.append(table_t)
        states, pending, processed = nxt_states or {0: 0}, nxt_pending, after
    columns, scales, slack = [], [], []
    for party in table:
        units, scale, rounding = _party_units(party.weights, party.values)
        columns.append(units)
        scales.append(scale)
        # Scoring accepts u >= r - 1e-12; rounding may add up to `rounding` units per issue.
        slack.append(max(1e-12 * scale, n * rounding))
    contrib = tuple(
        np.array([[col[i][o] for col in columns] for o in range(sizes[i])],
                 dtype=np.int64).reshape(sizes[i], len(table))
        for i in order
    )
    per_unit = np.array(scales, dtype=np.float64)
    res = np.array([p.reservation for p in table], dtype=np.float64) * per_unit
    tol = np.array(slack, dtype=np.float64)
    return Plan(order, sizes, tuple(trans), contrib, per_unit, res, res - tol, res + tol)


def _denominator(xs: Sequence[float]) -> int | None:
    """Smallest d <= MAX_DENOMINATOR making every x * d an integer (within 1e-9), or None."""
    d = 1
    for x in set(xs):
        den = _fraction_denominator(x)
        if den is None:
            return None
        d = d * den // gcd(d, den)
        if d > MAX_DENOMINATOR:
            return None
    return d


@lru_cache(maxsize=4096)
def _fraction_denominator(x: float) -> int | None:
    frac = Fraction(x).limit_denominator(MAX_DENOMINATOR)
    return frac.denominator if abs(float(frac) - x) <= 1e-12 * max(1.0, abs(x)) else None


def _party_units(weights: Sequence[float], values: Sequence[Sequence[float]]
                 ) -> tuple[list[list[int]], float, float]:
    """Per issue and option, w * v as an integer number of units; units per point; and the
    most a product can be off by rounding (0 when both have a small common denominator)."""
    dw = _denominator(weights)
    dv = _denominator([v for row in values for v in row])
    # |round(w dw) round(v dv) - w dw v dv| <= (v dv)/2 + (w dw)/2 + 1/4, with w, v <= 1,
    # and a term vanishes when its side is exact.
    rounding = ((0.5 * (dv or FALLBACK_VALUES) if dw is None else 0.0)
                + (0.5 * (dw or FALLBACK_WEIGHTS) if dv is None else 0.0)
                + (0.25 if dw is None and dv is None else 0.0))
    dw, dv = dw or FALLBACK_WEIGHTS, dv or FALLBACK_VALUES
    units = [[round(w * dw) * round(v * dv) for v in row]
             for w, row in zip(weights, values, strict=True)]
    return units, float(dw * dv), rounding
