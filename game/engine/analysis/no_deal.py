"""Why no deal: red lines that cannot all hold, and reservation values the red lines leave unmet.

A conflict is a minimal set of red lines that no package satisfies together (every proper subset
can be satisfied) and that involves more than one party. Such a set is always connected through
shared issues, so it is found by growing connected sets of lines, smallest first.

When every red line can hold and the zone is still empty, reservation values are the cause:
the notes say which parties no feasible package satisfies, and whose red lines are to blame.
All comparisons are on the analysis's exact integer utilities.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from game.engine.analysis import counting as count
from game.engine.analysis.plan import Plan, compile_plan
from game.engine.analysis.result import Conflict
from game.engine.situation import Rule, Situation

MAX_SETS = 20_000
"""Connected sets of red lines examined before the search gives up (and says so)."""


def _issues(rule: Rule) -> frozenset[int]:
    return frozenset(i for i, _ in rule.literals)


def satisfiable(rules: Sequence[Rule], sizes: Sequence[int]) -> bool:
    """Can one package break none of these rules? Options are grouped by which literals hold."""
    issues = sorted(set().union(*(_issues(r) for r in rules))) if rules else []
    choices: list[list[int]] = []
    for i in issues:
        sets = [opts for r in rules for j, opts in r.literals if j == i]
        classes: dict[tuple[bool, ...], int] = {}
        for o in range(sizes[i]):
            classes.setdefault(tuple(o in s for s in sets), o)
        choices.append(list(classes.values()))
    position = {i: k for k, i in enumerate(issues)}
    for combo in itertools.product(*choices):
        if not any(all(combo[position[i]] in opts for i, opts in r.literals) for r in rules):
            return True
    return False


def minimal_conflicts(
    rules: Sequence[Rule], sizes: Sequence[int], limit: int = MAX_SETS
) -> tuple[list[tuple[int, ...]], bool]:
    """All minimal unsatisfiable sets (as sorted index tuples), and whether the search finished."""
    n = len(rules)
    touching: dict[int, set[int]] = {}
    for k, r in enumerate(rules):
        for i in _issues(r):
            touching.setdefault(i, set()).add(k)
    neighbours = [set().union(*(touching[i] for i in _issues(r))) - {k} if _issues(r) else set()
                  for k, r in enumerate(rules)]
    found: list[frozenset[int]] = []
    level = [frozenset([k]) for k in range(n)]
    examined = 0
    while level:
        nxt: set[frozenset[int]] = set()
        for group in level:
            examined += 1
            if examined > limit:
                return sorted(tuple(sorted(f)) for f in found), False
            if any(f <= group for f in found):
                continue
            if not satisfiable([rules[k] for k in sorted(group)], sizes):
                found.append(group)
                continue
            for other in set().union(*(neighbours[k] for k in group)) - group:
                nxt.add(group | {other})
        level = sorted(nxt, key=lambda g: tuple(sorted(g)))
    return sorted(tuple(sorted(f)) for f in found), True


def possessive(name: str) -> str:
    """"Russia's", but "European allies'" and "United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


def _quote(situation: Situation, rule: Rule) -> str:
    whose = possessive(situation.parties[rule.party].name)
    return f"{whose} red line \u201c{rule.text}\u201d ({rule.id})"


def conflict_text(situation: Situation, rules: Sequence[Rule]) -> str:
    """Plain words: which red lines cannot hold together, and on which issues they meet."""
    quotes = [_quote(situation, r) for r in rules]
    joined = quotes[0] if len(quotes) == 1 else ", ".join(quotes[:-1]) + " and " + quotes[-1]
    verb = "cannot hold" if len(rules) == 1 else (
        "cannot both hold" if len(rules) == 2 else "cannot all hold")
    titles = {i.id: i.title for i in situation.scenario.issues}
    issues = sorted(set().union(*(_issues(r) for r in rules)))
    where = ", ".join(titles.get(situation.issue_ids[i], situation.issue_ids[i]) for i in issues)
    return f"{joined} {verb} in one package (they meet on: {where})."


def fmt(u: float) -> str:
    return f"{u:.2f}"


def conflicts(situation: Situation) -> tuple[list[Conflict], list[Conflict], bool]:
    """Minimal conflicts between parties, a party's own contradictions, and whether the search
    finished."""
    rules = [r for p in situation.table for r in p.rules]
    sizes = [len(o) for o in situation.option_ids]
    found, complete = minimal_conflicts(rules, sizes)
    multi: list[Conflict] = []
    own: list[Conflict] = []
    for idx in found:
        group = tuple(rules[k] for k in idx)
        target = multi if len({r.party for r in group}) > 1 else own
        target.append(Conflict(group, conflict_text(situation, group)))
    return multi, own, complete


def to_float(units: int, scale: int) -> float:
    """Units back to a utility, for the words only (verdicts stay on the integers)."""
    return float(Fraction(int(units), scale))


def _best_under(situation: Situation, rules: list[Rule], party: int) -> int | None:
    """The most (in units of the situation's plan) a party can get within these red lines."""
    plan = compile_plan(situation, rules)
    tabs = count.tables(plan)
    return int(tabs.high[0][0, party]) if tabs.feasible else None


def reservation_notes(situation: Situation, plan: Plan, units: np.ndarray) -> list[str]:
    """Which reservation values no feasible package reaches, and whose red lines are the cause.
    `units` are the frontier's utilities (in the plan's units)."""
    table = situation.table
    need, scale = plan.need, plan.scale
    notes: list[str] = []
    top = units.max(axis=0)
    short = [k for k in range(len(table)) if top[k] < need[k]]

    def falls_short(rules: list[Rule], k: int) -> bool:
        best = _best_under(situation, rules, k)
        return best is None or best < need[k]

    for k in short:
        party = table[k]
        res = party.reservation
        if falls_short(list(party.rules), k):
            own_best = _best_under(situation, list(party.rules), k)
            worth = fmt(to_float(own_best, scale)) if own_best is not None else "anything"
            within = "Even within its own red lines, no" if party.rules else "No"
            notes.append(f"{within} package is worth more than {worth} to {party.name}, "
                         f"below its reservation value {fmt(res)}.")
            continue
        culprits = [
            q.name for q in table
            if q.id != party.id and q.rules and falls_short([*party.rules, *q.rules], k)
        ]
        whose = possessive(" and ".join(culprits)) if culprits else "the combined"
        notes.append(f"The best package {whose} red lines leave for {party.name} is worth "
                     f"{fmt(to_float(top[k], scale))} to it, below its reservation value "
                     f"{fmt(res)}.")
    if short:
        return notes
    for a in range(len(table)):
        for b in range(a + 1, len(table)):
            for k, q in ((a, b), (b, a)):
                mask = units[:, q] >= need[q]
                best = units[mask, k].max()
                if best < need[k]:
                    notes.append(
                        f"Among the packages worth at least {fmt(table[q].reservation)} to "
                        f"{table[q].name} (its reservation value), the best for {table[k].name} "
                        f"is worth {fmt(to_float(best, scale))} to it, below its "
                        f"{fmt(table[k].reservation)}."
                    )
                    break
    if not notes:
        notes.append("Every two parties can be satisfied together, but no package reaches every "
                     "reservation value at once.")
    return notes
