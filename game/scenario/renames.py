"""One mistake, one message: a renamed id is reported where it is defined, not at every use.

An author who renames issue 'troops' to 'troop' in one place would otherwise read a message for
every weight, value, red line and event that still says 'troops', plus a "no weight for issue
'troop'" for every party: 15 messages in a small file, over 40 in a real one. Here:

- a "missing" problem (no weight for 'troop') is dropped when the same mapping names an unknown
  id of the same kind: the unknown key is that entry, misspelt, and already reported;
- an unknown id used in two places or more, where a defined id of the same kind is never used and
  is its likely spelling, becomes one message at that definition, listing the lines of the uses.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterator

from game.scenario.models import Condition, Scenario
from game.scenario.yamlsafe import Path, Problem

_NOUN = {"issue": "issue", "party": "party"}


def collapse(s: Scenario, problems: list[Problem], line_of: Callable[[Path], int]) -> list[Problem]:
    """`problems` with the echoes of one renamed or misspelt id folded into one message."""
    unknown = [p for p in problems if p.ref and p.ref[0] == "unknown"]
    kept = [p for p in problems if not _echo(p, unknown)]
    by_id: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for p in kept:
        if p.ref and p.ref[0] == "unknown":
            by_id[(p.ref[1], p.ref[2])].append(p)
    defined = _defined(s)
    used = _used(s)
    taken: set[tuple[str, str]] = set()
    for (kind, ident), uses in by_id.items():
        if len(uses) < 2:
            continue
        spare = [d for d in defined.get(kind, {}) if d not in used[kind] and (kind, d) not in taken]
        near = difflib.get_close_matches(ident, spare, n=1)
        if not near and len(spare) == 1 and sum(1 for k, _ in by_id if k == kind) == 1:
            near = spare  # the only unused id, and the only unknown one: a rename
        if not near:
            continue
        name = near[0]
        taken.add((kind, name))
        gone = {id(p) for p in uses}
        kept = [
            p for p in kept if id(p) not in gone and p.ref != ("missing", kind, name)
        ]
        lines = sorted({line_of(p.path) for p in uses})
        shown = ", ".join(map(str, lines[:12])) + (", ..." if len(lines) > 12 else "")
        noun = _NOUN.get(kind, "option")
        kept.append(Problem(
            defined[kind][name],
            f"{noun} '{name}' is never used, while '{ident}', which is not defined, is used "
            f"{len(uses)} times (lines {shown}); was one renamed? spell it the same everywhere",
        ))
    return kept


def _echo(p: Problem, unknown: list[Problem]) -> bool:
    """A "missing" problem whose mapping also holds an unknown key of the same kind."""
    if p.ref is None or p.ref[0] != "missing":
        return False
    n = len(p.path)
    return any(
        u.ref is not None and u.ref[1] == p.ref[1] and u.path[:n] == p.path and len(u.path) > n
        for u in unknown
    )


def _defined(s: Scenario) -> dict[str, dict[str, Path]]:
    out: dict[str, dict[str, Path]] = {"issue": {}, "party": {}}
    for i, issue in enumerate(s.issues):
        out["issue"].setdefault(issue.id, ("issues", i, "id"))
        options = out.setdefault(f"option:{issue.id}", {})
        for j, o in enumerate(issue.options):
            options.setdefault(o.id, ("issues", i, "options", j, "id"))
    for i, p in enumerate(s.parties):
        out["party"].setdefault(p.id, ("parties", i, "id"))
    return out


def _used(s: Scenario) -> dict[str, set[str]]:
    """Every id referred to, by kind, whether or not it is defined."""
    used: dict[str, set[str]] = defaultdict(set)
    for kind, ident in _references(s):
        used[kind].add(ident)
    return used


def _references(s: Scenario) -> Iterator[tuple[str, str]]:
    def condition(c: Condition | None) -> Iterator[tuple[str, str]]:
        if c is not None:
            yield "issue", c.issue
            yield from ((f"option:{c.issue}", o) for o in c.options)

    for p in s.parties:
        yield from (("issue", k) for k in p.weights)
        for issue, values in p.values.items():
            yield "issue", issue
            yield from ((f"option:{issue}", o) for o in values)
        yield from (("party", k) for k in p.trust)
        for r in p.red_lines:
            for c in r.conditions():
                yield from condition(c)
    for coalition in s.coalitions:
        yield from (("party", m) for m in coalition.members)
    for m in s.mediators:
        yield from (("party", k) for k in m.credibility)
    for step in s.confidence_steps:
        yield from (("party", k) for k in step.parties)
    yield from (("party", r) for r in s.roles)
    for rnd in s.rounds:
        for e in rnd.events:
            yield from (("party", k) for k in getattr(e, "parties", []))
            if hasattr(e, "party"):
                yield "party", e.party
            if hasattr(e, "issue"):
                yield "issue", e.issue
            if e.type == "set_value":
                yield f"option:{e.issue}", e.option
            if e.type == "add_red_line":
                r = e.red_line
                for c in r.conditions():
                    yield from condition(c)
