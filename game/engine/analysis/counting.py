"""Counting packages without listing them: feasible packages exactly, the zone of agreement by
branch and bound (exact while the boundary of the zone stays small, a labelled estimate beyond).

Backward tables give, for every step and red-line state, how many feasible completions remain
and the least and most each party can still gain. A partial package whose worst completion
already satisfies everyone counts all its completions at once; one whose best completion fails
someone is dropped; only the rest is expanded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.analysis.plan import Plan

LIVE_CAP = 400_000
"""Partial packages kept at once by the exact zone count before it falls back to sampling."""
SAMPLES = 20_000


@dataclass(frozen=True)
class Tables:
    """Suffix tables of a plan: completions left, and each party's min/max gain still to come."""

    count: tuple[list[int], ...]  # count[t][state]: feasible completions (exact integers)
    low: tuple[np.ndarray, ...]  # low[t][state, party], plan.big where no completion exists
    high: tuple[np.ndarray, ...]  # high[t][state, party], -plan.big where no completion exists

    @property
    def feasible(self) -> int:
        return self.count[0][0]


def tables(plan: Plan) -> Tables:
    n, k, big = len(plan.order), plan.parties, plan.big
    count: list[list[int]] = [[1]]
    low = [np.zeros((1, k), dtype=plan.dtype)]
    high = [np.zeros((1, k), dtype=plan.dtype)]
    for t in range(n - 1, -1, -1):
        trans, contrib = plan.trans[t], plan.contrib[t]
        nxt_count = count[0]
        cnt = [sum(nxt_count[s] for s in row if s >= 0) for row in trans.tolist()]
        alive_next = np.array([c > 0 for c in nxt_count])
        valid = trans >= 0
        safe = np.where(valid, trans, 0)
        usable = valid & alive_next[safe]
        lo = np.where(usable[:, :, None], contrib[None] + low[0][safe], big).min(axis=1)
        hi = np.where(usable[:, :, None], contrib[None] + high[0][safe], -big).max(axis=1)
        count.insert(0, cnt)
        low.insert(0, lo)
        high.insert(0, hi)
    return Tables(tuple(count), tuple(low), tuple(high))


DIRECT = 4_000_000
"""Row x completion pairs below which the remaining issues are counted in one broadcast ..."""
COMPLETIONS = 20_000
"""... provided the table of completions to compare against stays this small."""


def _expand(plan: Plan, t: int, states: np.ndarray, utils: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Every partial package extended by every option of issue order[t] that breaks no line."""
    nxt = plan.trans[t][states]
    rows, opts = np.nonzero(nxt >= 0)
    return nxt[rows, opts].astype(np.int64), utils[rows] + plan.contrib[t][opts]


def completions(plan: Plan, t: int, state: int) -> np.ndarray:
    """Utility gains of every feasible way to settle issues order[t:] from a red-line state."""
    states = np.array([state], dtype=np.int64)
    utils = np.zeros((1, plan.parties), dtype=plan.dtype)
    for step in range(t, len(plan.order)):
        states, utils = _expand(plan, step, states, utils)
    return utils


def _count_direct(plan: Plan, t: int, states: np.ndarray, utils: np.ndarray) -> int:
    """For each row, how many completions lift every party to its reservation value."""
    total = 0
    for state in np.unique(states).tolist():
        comps = completions(plan, t, state)
        if len(comps) == 0:
            continue
        short = plan.need - utils[states == state]  # what each row still needs, per party
        step = max(1, (1 << 22) // len(comps))
        for start in range(0, len(short), step):
            block = short[start:start + step]
            ok = comps[None, :, 0] >= block[:, None, 0]
            for j in range(1, plan.parties):
                ok &= comps[None, :, j] >= block[:, None, j]
            total += int(ok.sum())
    return total


def zopa_exact(plan: Plan, tabs: Tables, cap: int | None = None) -> int | None:
    """Packages acceptable to every party at the table, or None if the boundary is too large."""
    cap = LIVE_CAP if cap is None else cap
    n, k = len(plan.order), plan.parties
    need = plan.need
    states = np.zeros(1, dtype=np.int64)
    utils = np.zeros((1, k), dtype=plan.dtype)
    total = 0
    for t in range(n + 1):
        lo = utils + tabs.low[t][states]
        hi = utils + tabs.high[t][states]
        full = (lo >= need).all(axis=1) & (tabs.low[t][states] < plan.big).all(axis=1)
        if full.any():
            per_state = np.bincount(states[full], minlength=plan.states(t))
            total += sum(int(c) * tabs.count[t][s] for s, c in enumerate(per_state) if c)
        open_ = ~full & (hi >= need).all(axis=1) & (tabs.high[t][states] > -plan.big).all(axis=1)
        if t == n or not open_.any():
            break
        states, utils = states[open_], utils[open_]
        per_state = np.bincount(states, minlength=plan.states(t))
        used = [s for s, c in enumerate(per_state) if c]
        work = sum(int(per_state[s]) * tabs.count[t][s] for s in used)
        if work <= DIRECT and sum(tabs.count[t][s] for s in used) <= COMPLETIONS:
            return total + _count_direct(plan, t, states, utils)
        if len(states) * plan.trans[t].shape[1] > cap:
            return None
        states, utils = _expand(plan, t, states, utils)
    return total


def sample_feasible(plan: Plan, tabs: Tables, size: int, seed: int = 0) -> np.ndarray:
    """Uniformly drawn feasible packages (utilities in units, one row each), deterministic."""
    rng = np.random.default_rng(seed)
    k = plan.parties
    if tabs.feasible == 0:
        return np.zeros((0, k), dtype=plan.dtype)
    states = np.zeros(size, dtype=np.int64)
    utils = np.zeros((size, k), dtype=plan.dtype)
    for t in range(len(plan.order)):
        trans, contrib = plan.trans[t], plan.contrib[t]
        nxt_count = np.array([float(c) for c in tabs.count[t + 1]])
        weight = np.where(trans >= 0, nxt_count[np.where(trans >= 0, trans, 0)], 0.0)
        cum = np.cumsum(weight, axis=1)
        cum /= np.where(cum[:, -1:] > 0, cum[:, -1:], 1.0)
        draw = rng.random(size)
        opts = (cum[states] <= draw[:, None]).sum(axis=1)
        opts = np.minimum(opts, trans.shape[1] - 1)
        utils += contrib[opts]
        states = trans[states, opts].astype(np.int64)
    return utils


def zopa_estimate(plan: Plan, tabs: Tables, floor: int) -> int:
    """Feasible count times the share of uniformly sampled feasible packages acceptable to all."""
    sample = sample_feasible(plan, tabs, SAMPLES)
    if len(sample) == 0:
        return 0
    share = float((sample >= plan.need).all(axis=1).mean())
    return max(floor, round(tabs.feasible * share))


def extreme_package(plan: Plan, tabs: Tables, party: int, lowest: bool) -> tuple[int, ...] | None:
    """The feasible package worst (or best) for one party, in scenario issue order."""
    if tabs.feasible == 0:
        return None
    state, chosen = 0, []
    table = tabs.low if lowest else tabs.high
    for t in range(len(plan.order)):
        best_opt, best_val = -1, None
        for opt in range(plan.trans[t].shape[1]):
            nxt = int(plan.trans[t][state, opt])
            if nxt < 0 or tabs.count[t + 1][nxt] == 0:
                continue
            val = int(plan.contrib[t][opt, party] + table[t + 1][nxt, party])
            if best_val is None or (val < best_val if lowest else val > best_val):
                best_opt, best_val = opt, val
        chosen.append(best_opt)
        state = int(plan.trans[t][state, best_opt])
    out = [0] * len(chosen)
    for t, issue in enumerate(plan.order):
        out[issue] = chosen[t]
    return tuple(out)
