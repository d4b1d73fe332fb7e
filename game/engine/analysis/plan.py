"""Red lines compiled into a small state machine over the issues, for dynamic programming.

Walking the issues one at a time, a red line that touches both issues already chosen and issues
still open is *pending*: it is either still *armed* (every chosen issue matches its literal, so it
may yet be broken) or already satisfied. The state after a step is the set of armed pending
lines. Issues are ordered so that few lines are pending at once, so the number of states stays
small even when red lines tie many issues together; every count, bound and frontier of the
analysis is then a pass over `Plan.trans` and `Plan.contrib`.

Utilities are exact integers in units of 1/scale, one scale for every party: the least common
multiple of the denominators of every weight x value product, taken from the authored numbers
as fractions (`units`). Sums are then exact and order-independent, two packages worth the same
are equal (never 1e-16 apart), and no two packages that differ are ever merged or reordered,
whatever decimals the author wrote. When the numbers would overflow int64, arrays hold Python
integers instead (slower, still exact).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.analysis.units import Units, exact_units
from game.engine.situation import Rule, Situation


@dataclass(frozen=True)
class Plan:
    """Issue order, state transitions and per-option utility contributions of a situation."""

    order: tuple[int, ...]  # issue indices in processing order
    sizes: tuple[int, ...]  # number of options per issue, in scenario issue order
    trans: tuple[np.ndarray, ...]  # trans[t][state, option] -> next state, or -1 (breaks a line)
    contrib: tuple[np.ndarray, ...]  # contrib[t][option, party] in units, issue order[t]
    units: Units  # the scale, each party's thresholds in units, the integer type and sentinel

    @property
    def scale(self) -> int:
        return self.units.scale

    @property
    def need(self) -> np.ndarray:
        """Per party: acceptable (`scoring.at_least(u, r)`, exactly) iff units >= need."""
        return self.units.need

    @property
    def above(self) -> np.ndarray:
        """Per party: a gain over no deal (`scoring.exceeds(u, r)`, exactly) iff units > above."""
        return self.units.above

    @property
    def parties(self) -> int:
        return len(self.units.need)

    @property
    def dtype(self) -> np.dtype[Any]:
        """int64, or object (Python integers) when int64 could overflow."""
        return self.units.dtype

    @property
    def big(self) -> int:
        """A sentinel larger than any sum of units (for 'no completion' in the count tables)."""
        return self.units.big

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
    units = exact_units(table)
    contrib = tuple(
        np.array([[col[i][o] for col in units.contrib] for o in range(sizes[i])],
                 dtype=units.dtype).reshape(sizes[i], len(table))
        for i in order
    )
    return Plan(order, sizes, tuple(trans), contrib, units)
