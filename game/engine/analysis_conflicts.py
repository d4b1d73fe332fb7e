"""Why no deal: red lines that cannot all hold, and reservation values the red lines leave unmet.

A conflict is a minimal set of red lines that no package satisfies together (every proper subset
can be satisfied) and that involves more than one party. Such a set is always connected through
shared issues, so it is found by growing connected sets of lines, smallest first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

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
