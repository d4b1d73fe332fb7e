"""Red lines a party cannot keep, or that bind nothing: checks on the meaning of red lines.

A `require` that lists every option of its issue is met by every package: it binds nothing, and
an author who wrote it meant something else (the engine also tripped over it: the rule it
compiles to can never be broken, which a mediator's candidate filter did not expect). A red
line that no package can meet together with the party's other red lines (a `require` of options
another line forbids, say) makes the party refuse everything, so no game on the scenario can end
in a deal. Both are reported on the line that causes them. Conflicts between different parties'
red lines are the game's subject, not a mistake: `redlines analyze` reports those.

The search is exact: options of an issue that every rule treats alike are tried once, and a
partial package is abandoned as soon as one rule is broken. It gives up (and reports nothing)
beyond a budget of steps, which authored scenarios stay far below.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from game.scenario.models import Condition, RedLine, Scenario
from game.scenario.yamlsafe import Path, Problem

BUDGET = 200_000
"""Partial packages tried before the search gives up."""

Literal = tuple[str, frozenset[str]]
"""(issue, options): holds when the package's option for the issue is one of the options."""


def require_problems(s: Scenario) -> Iterator[Problem]:
    options = {x.id: [o.id for o in x.options] for x in s.issues}
    for i, party in enumerate(s.parties):
        held: list[tuple[RedLine, Path]] = [
            (r, ("parties", i, "red_lines", j)) for j, r in enumerate(party.red_lines)]
        yield from _binds_nothing(held, options)
        yield from _unkeepable(party.id, held, options, ("parties", i, "red_lines"))
    lines = {p.id: {r.id: r for r in p.red_lines} for p in s.parties}
    for i, rnd in enumerate(s.rounds):
        for j, e in enumerate(rnd.events):
            if e.type == "drop_red_line" and e.when is None:
                lines.get(e.party, {}).pop(e.red_line, None)
            if e.type != "add_red_line" or e.party not in lines:
                continue
            path: Path = ("rounds", i, "events", j, "red_line")
            yield from _binds_nothing([(e.red_line, path)], options)
            before = [(r, path) for r in lines[e.party].values()]
            if _keepable([_literals(r, options) for r, _ in before], options) is not False:
                yield from _added(e.party, e.red_line, before, options, path)
            lines[e.party][e.red_line.id] = e.red_line


def _binds_nothing(held: Sequence[tuple[RedLine, Path]],
                   options: dict[str, list[str]]) -> Iterator[Problem]:
    """Lines no package can break: a `require` (or one of a `require_any`) of every option, a
    `then` allowing every option its `when` names on the same issue."""
    for r, path in held:
        requires: list[tuple[Path, Condition]] = []
        if r.require is not None:
            requires.append((("require",), r.require))
        requires += [(("require_any", k), c) for k, c in enumerate(r.require_any or [])]
        for form, cond in requires:
            if cond.issue not in options or not set(options[cond.issue]) <= set(cond.options):
                continue
            yield Problem(
                (*path, *form, "options"),
                f"requires one of every option of issue '{cond.issue}', so every package meets "
                "it and it binds nothing; keep in the list only the options the party accepts",
            )
        if r.when is not None and r.then is not None and r.when.issue == r.then.issue and set(
                r.when.options) <= set(r.then.options):
            yield Problem(
                (*path, "then", "options"),
                f"allows every option that 'when' names on the same issue '{r.when.issue}', so "
                "no package breaks the line and it binds nothing; make 'then' name another "
                "issue, or use forbid or require",
            )


def _unkeepable(party: str, held: Sequence[tuple[RedLine, Path]],
                options: dict[str, list[str]], where: Path) -> Iterator[Problem]:
    """The line that makes the party's red lines impossible to keep together, if one does."""
    rules = [_literals(r, options) for r, _ in held]
    if _keepable(rules, options) is not False:
        return
    # A `require` is the usual culprit (it names what the party needs): blamed first.
    order = sorted(range(len(held)), key=lambda k: held[k][0].require is None)
    for k in order:
        r, path = held[k]
        others = rules[:k] + rules[k + 1:]
        if _keepable(others, options):
            yield _impossible(party, r, path, [h for h, _ in held if h is not r])
            return
    yield Problem(where, f"party '{party}' cannot keep all these red lines at once: no package "
                         "meets them together, so it accepts nothing; remove or loosen one")


def _added(party: str, line: RedLine, before: Sequence[tuple[RedLine, Path]],
           options: dict[str, list[str]], path: Path) -> Iterator[Problem]:
    rules = [_literals(r, options) for r, _ in before] + [_literals(line, options)]
    if _keepable(rules, options) is False:
        yield _impossible(party, line, path, [r for r, _ in before])


def _impossible(party: str, line: RedLine, path: Path, others: Sequence[RedLine]) -> Problem:
    issues = _issues(line)
    near = [r.id for r in others if _issues(r) & issues] or [r.id for r in others]
    form = next(f for f in ("require", "forbid", "when", "forbid_all", "require_any")
                if getattr(line, f) is not None)
    advice = ("the options it requires must include one that those red lines allow"
              if form == "require" else "loosen it or one of those")
    return Problem(
        (*path, form),
        f"no package meets red line '{line.id}' together with the other red lines of party "
        f"'{party}' ({', '.join(near)}), so the party accepts nothing; {advice}",
    )


def _issues(r: RedLine) -> set[str]:
    return {c.issue for c in r.conditions()}


def _literals(r: RedLine, options: dict[str, list[str]]) -> list[Literal] | None:
    """The literals that all hold exactly when a package breaks the line (None: it names an
    unknown issue, or forbids every option of one: both reported elsewhere)."""
    if any(c.issue not in options for c in r.conditions()):
        return None
    if r.forbid is not None and set(options[r.forbid.issue]) <= set(r.forbid.options):
        return None

    def lit(c: Condition, negate: bool) -> Literal:
        named = set(c.options) & set(options[c.issue])
        held = set(options[c.issue]) - named if negate else named
        return c.issue, frozenset(held)

    if r.forbid_all is not None:
        return [lit(c, False) for c in r.forbid_all]
    if r.require_any is not None:
        return [lit(c, True) for c in r.require_any]
    if r.forbid is not None:
        return [lit(r.forbid, False)]
    if r.require is not None:
        return [lit(r.require, True)]
    assert r.when is not None and r.then is not None
    return [lit(r.when, False), lit(r.then, True)]


def _keepable(rules: Sequence[list[Literal] | None], options: dict[str, list[str]]
              ) -> bool | None:
    """Can one package break none of these rules? None when the search gave up."""
    known = [r for r in rules if r is not None]
    issues = sorted({issue for r in known for issue, _ in r})
    # Options an issue's literals all treat alike are one choice.
    choices: dict[str, list[str]] = {}
    for issue in issues:
        sets = [opts for r in known for i, opts in r if i == issue]
        kinds: dict[tuple[bool, ...], str] = {}
        for o in options[issue]:
            kinds.setdefault(tuple(o in s for s in sets), o)
        choices[issue] = list(kinds.values())
    # A rule is checked once the last of its issues has an option.
    position = {issue: k for k, issue in enumerate(issues)}
    due: list[list[list[Literal]]] = [[] for _ in issues]
    for r in known:
        if r:
            due[max(position[i] for i, _ in r)].append(r)
    package: dict[str, str] = {}
    steps = 0

    def extend(k: int) -> bool | None:
        nonlocal steps
        if k == len(issues):
            return True
        gave_up = False
        for option in choices[issues[k]]:
            steps += 1
            if steps > BUDGET:
                return None
            package[issues[k]] = option
            if any(all(package[i] in opts for i, opts in r) for r in due[k]):
                continue
            found = extend(k + 1)
            if found:
                return True
            gave_up = gave_up or found is None
        return None if gave_up else False

    return extend(0)
