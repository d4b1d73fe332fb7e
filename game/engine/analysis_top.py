"""The best packages for one party among those others would accept: for counter-offers.

A best-first search over partial packages, ordered by the most the party can still reach (its
gains so far plus the best completion the red lines allow). Branches that can no longer give
a required party its reservation value are cut. Packages come out best first, exactly, until
`k` are found or the node budget runs out.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from game.engine import analysis_count as count
from game.engine.analysis_plan import compile_plan
from game.engine.situation import Package, Situation

NODE_BUDGET = 200_000
"""Partial packages expanded at most; beyond it the search returns what it has found."""


def top_packages(situation: Situation, party: str, k: int = 10,
                 acceptable_to: Sequence[str] = (), budget: int = NODE_BUDGET
                 ) -> list[tuple[Package, dict[str, float]]]:
    """Up to k feasible packages, best for `party` first, each acceptable to every party in
    `acceptable_to` (u >= its reservation value). Ties keep a fixed, deterministic order."""
    ids = situation.at_table
    if party not in ids:
        raise KeyError(f"'{party}' is not at the table; at the table: {', '.join(ids)}")
    unknown = [q for q in acceptable_to if q not in ids]
    if unknown:
        raise KeyError(f"not at the table: {', '.join(unknown)}")
    plan = compile_plan(situation)
    tabs = count.tables(plan)
    if tabs.feasible == 0 or k <= 0:
        return []
    me = ids.index(party)
    checks = [ids.index(q) for q in acceptable_to]
    need = plan.need
    n = len(plan.order)
    start = (0,) * plan.parties
    heap: list[tuple[int, int, int, int, tuple[int, ...], tuple[int, ...]]] = [
        (-int(tabs.high[0][0, me]), 0, 0, 0, start, ())
    ]
    seq = 1
    out: list[tuple[Package, dict[str, float]]] = []
    for _ in range(budget):
        if not heap or len(out) >= k:
            break
        _, _, t, state, utils, chosen = heapq.heappop(heap)
        if t == n:
            pkg = [0] * n
            for step, issue in enumerate(plan.order):
                pkg[issue] = chosen[step]
            scale = plan.scale.tolist()
            out.append((tuple(pkg), {ids[j]: utils[j] / scale[j] for j in range(len(ids))}))
            continue
        trans, contrib, high = plan.trans[t], plan.contrib[t], tabs.high[t + 1]
        for opt in range(trans.shape[1]):
            nxt = int(trans[state, opt])
            if nxt < 0 or tabs.count[t + 1][nxt] == 0:
                continue
            new = tuple(u + int(c) for u, c in zip(utils, contrib[opt], strict=True))
            if any(new[q] + high[nxt, q] < need[q] for q in checks):
                continue
            bound = new[me] + int(high[nxt, me])
            heapq.heappush(heap, (-bound, seq, t + 1, nxt, new, (*chosen, opt)))
            seq += 1
    return out
