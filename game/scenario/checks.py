"""Cross-reference checks that a schema cannot express: ids, references, completeness."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from game.scenario.checks_require import require_problems
from game.scenario.checks_teaching import teaching_problems
from game.scenario.checks_triggers import trigger_problems
from game.scenario.models import Condition, RedLine, Scenario
from game.scenario.yamlsafe import Path, Problem


def cross_check(s: Scenario) -> list[Problem]:
    """Every reference problem in a schema-valid scenario, in document order."""
    return list(_all(s))


def _all(s: Scenario) -> Iterator[Problem]:
    yield from _unique(((("sources", i, "id"), x.id) for i, x in enumerate(s.sources)), "source")
    yield from _unique(((("issues", i, "id"), x.id) for i, x in enumerate(s.issues)), "issue")
    for i, issue in enumerate(s.issues):
        yield from _unique(
            ((("issues", i, "options", j, "id"), o.id) for j, o in enumerate(issue.options)),
            f"option of issue '{issue.id}'",
        )
    seats = [(("parties", i, "id"), p.id) for i, p in enumerate(s.parties)]
    seats += [(("coalitions", i, "id"), c.id) for i, c in enumerate(s.coalitions)]
    seats += [(("mediators", i, "id"), m.id) for i, m in enumerate(s.mediators)]
    yield from _unique(seats, "party, coalition or mediator")
    yield from _unique(((("rounds", i, "id"), r.id) for i, r in enumerate(s.rounds)), "round")
    yield from _unique(
        ((("confidence_steps", i, "id"), c.id) for i, c in enumerate(s.confidence_steps)),
        "confidence step",
    )
    yield from _unique(
        ((("difficulties", i, "id"), d.id) for i, d in enumerate(s.difficulties)), "difficulty"
    )
    yield from _unique(_red_line_ids(s), "red line")
    yield from _citations(s)
    yield from _parties(s)
    yield from _coalitions_and_mediators(s)
    yield from _rounds(s)
    yield from require_problems(s)
    yield from trigger_problems(s)
    yield from _table(s)
    yield from _roles(s)
    yield from teaching_problems(s)


def _unique(items: Iterable[tuple[Path, str]], what: str) -> Iterator[Problem]:
    seen: dict[str, Path] = {}
    for path, ident in items:
        if ident in seen:
            yield Problem(path, f"{what} id '{ident}' is used twice", see=seen[ident])
        else:
            seen[ident] = path


def _red_line_ids(s: Scenario) -> Iterator[tuple[Path, str]]:
    for i, p in enumerate(s.parties):
        for j, r in enumerate(p.red_lines):
            yield ("parties", i, "red_lines", j, "id"), r.id
    for i, rnd in enumerate(s.rounds):
        for j, e in enumerate(rnd.events):
            if e.type == "add_red_line":
                yield ("rounds", i, "events", j, "red_line", "id"), e.red_line.id


def _citations(s: Scenario) -> Iterator[Problem]:
    known = {src.id for src in s.sources}
    data = s.model_dump()

    def walk(node: object, path: Path) -> Iterator[Problem]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, list) and value and isinstance(
                    value[0], str
                ):
                    for k, ref in enumerate(value):
                        if ref not in known:
                            yield Problem(
                                (*path, key, k),
                                f"cites unknown source '{ref}'; known: {', '.join(sorted(known))}",
                            )
                else:
                    yield from walk(value, (*path, key))
        elif isinstance(node, list):
            for k, value in enumerate(node):
                yield from walk(value, (*path, k))

    yield from walk(data, ())


def _condition(s: Scenario, cond: Condition, path: Path) -> Iterator[Problem]:
    issue = next((x for x in s.issues if x.id == cond.issue), None)
    if issue is None:
        yield Problem((*path, "issue"), f"unknown issue '{cond.issue}'{_hint(cond.issue, s)}",
                      ref=("unknown", "issue", cond.issue))
        return
    names = {o.id for o in issue.options}
    for k, opt in enumerate(cond.options):
        if opt not in names:
            yield Problem(
                (*path, "options", k),
                f"issue '{issue.id}' has no option '{opt}'; it has: {', '.join(sorted(names))}",
                ref=("unknown", f"option:{issue.id}", opt),
            )


def _red_line(s: Scenario, r: RedLine, path: Path) -> Iterator[Problem]:
    for form in ("forbid", "require", "when", "then"):
        cond = getattr(r, form)
        if cond is not None:
            yield from _condition(s, cond, (*path, form))
    for form in ("forbid_all", "require_any"):
        for k, cond in enumerate(getattr(r, form) or []):
            yield from _condition(s, cond, (*path, form, k))
    issue = next((x for x in s.issues if r.forbid and x.id == r.forbid.issue), None)
    if r.forbid is not None and issue is not None and {o.id for o in issue.options} <= set(
        r.forbid.options
    ):
        yield Problem(
            (*path, "forbid", "options"),
            f"forbids every option of issue '{issue.id}', so no package satisfies it and the "
            "party accepts nothing; keep in the list only the options it refuses",
        )


def _hint(name: str, s: Scenario) -> str:
    near = difflib.get_close_matches(name, [x.id for x in s.issues], n=1)
    return f"; did you mean '{near[0]}'?" if near else ""


def _parties(s: Scenario) -> Iterator[Problem]:
    issues = {x.id: x for x in s.issues}
    party_ids = {p.id for p in s.parties}
    for i, p in enumerate(s.parties):
        base: Path = ("parties", i)
        for issue_id in p.weights:
            if issue_id not in issues:
                yield Problem(
                    (*base, "weights", issue_id), f"unknown issue '{issue_id}'{_hint(issue_id, s)}",
                    ref=("unknown", "issue", issue_id),
                )
        for issue_id in issues:
            if issue_id not in p.weights:
                yield Problem((*base, "weights"), f"no weight for issue '{issue_id}'",
                              ref=("missing", "issue", issue_id))
        if p.weights and all(w == 0 for w in p.weights.values()):
            yield Problem((*base, "weights"), "all weights are zero; at least one must be above 0")
        for issue_id, values in p.values.items():
            if issue_id not in issues:
                yield Problem(
                    (*base, "values", issue_id), f"unknown issue '{issue_id}'{_hint(issue_id, s)}",
                    ref=("unknown", "issue", issue_id),
                )
                continue
            options = {o.id for o in issues[issue_id].options}
            for opt in values:
                if opt not in options:
                    yield Problem(
                        (*base, "values", issue_id, opt),
                        f"issue '{issue_id}' has no option '{opt}'",
                        ref=("unknown", f"option:{issue_id}", opt),
                    )
            for opt in sorted(options - set(values)):
                yield Problem(
                    (*base, "values", issue_id),
                    f"no value for option '{opt}' of issue '{issue_id}'",
                    ref=("missing", f"option:{issue_id}", opt),
                )
        for issue_id in issues:
            if issue_id not in p.values:
                yield Problem((*base, "values"), f"no values for issue '{issue_id}'",
                              ref=("missing", "issue", issue_id))
        for j, r in enumerate(p.red_lines):
            yield from _red_line(s, r, (*base, "red_lines", j))
        for other in p.trust:
            if other not in party_ids or other == p.id:
                unknown = ("unknown", "party", other) if other not in party_ids else None
                yield Problem((*base, "trust", other), f"'{other}' is not another party",
                              ref=unknown)
        if p.strategy.name == "hardliner" and p.strategy.deadline_round is None:
            yield Problem((*base, "strategy"), "a hardliner needs a deadline_round")
        deadline = p.strategy.deadline_round
        if deadline is not None and deadline > len(s.rounds):
            yield Problem(
                (*base, "strategy", "deadline_round"),
                f"deadline_round {deadline} comes after the last round (the scenario has "
                f"{len(s.rounds)}); use a round from 1 to {len(s.rounds)}",
            )


def _coalitions_and_mediators(s: Scenario) -> Iterator[Problem]:
    party_ids = {p.id for p in s.parties}
    seated: dict[str, tuple[str, Path]] = {}
    for i, c in enumerate(s.coalitions):
        for k, m in enumerate(c.members):
            where: Path = ("coalitions", i, "members", k)
            if m not in party_ids:
                yield Problem(where, f"'{m}' is not a party", ref=("unknown", "party", m))
            elif m in seated and seated[m][0] == c.id:
                yield Problem(where, f"'{m}' is listed twice in this coalition; remove one",
                              see=seated[m][1])
            elif m in seated:
                yield Problem(
                    where,
                    f"'{m}' is already a member of coalition '{seated[m][0]}'; a party sits in "
                    "one coalition at most: remove it from one of them",
                    see=seated[m][1],
                )
            else:
                seated[m] = (c.id, where)
    for i, med in enumerate(s.mediators):
        for pid in med.credibility:
            if pid not in party_ids:
                yield Problem(("mediators", i, "credibility", pid), f"'{pid}' is not a party",
                              ref=("unknown", "party", pid))
        for pid in sorted(party_ids - set(med.credibility)):
            yield Problem(("mediators", i, "credibility"), f"no credibility given for '{pid}'",
                          ref=("missing", "party", pid))
    for i, step in enumerate(s.confidence_steps):
        for k, pid in enumerate(step.parties):
            if pid not in party_ids:
                yield Problem(("confidence_steps", i, "parties", k), f"'{pid}' is not a party",
                              ref=("unknown", "party", pid))


def _rounds(s: Scenario) -> Iterator[Problem]:
    issues = {x.id: x for x in s.issues}
    party_ids = {p.id for p in s.parties}
    held = {p.id: {r.id for r in p.red_lines} for p in s.parties}
    for i, rnd in enumerate(s.rounds):
        for j, e in enumerate(rnd.events):
            base: Path = ("rounds", i, "events", j)
            parties = list(getattr(e, "parties", [])) or [getattr(e, "party", None)]
            for k, pid in enumerate(parties):
                if pid not in party_ids:
                    where = (*base, "parties", k) if e.type == "shift_trust" else (*base, "party")
                    yield Problem(where, f"unknown party '{pid}'", ref=("unknown", "party", pid))
            if e.type == "shift_trust" and e.parties[0] == e.parties[1]:
                yield Problem(
                    (*base, "parties", 1),
                    f"names '{e.parties[0]}' twice; trust shifts between two different parties",
                )
            issue_id = getattr(e, "issue", None)
            if issue_id is not None and issue_id not in issues:
                yield Problem((*base, "issue"), f"unknown issue '{issue_id}'{_hint(issue_id, s)}",
                              ref=("unknown", "issue", issue_id))
            elif e.type == "set_value" and e.option not in {o.id for o in issues[e.issue].options}:
                yield Problem((*base, "option"), f"issue '{e.issue}' has no option '{e.option}'",
                              ref=("unknown", f"option:{e.issue}", e.option))
            if e.type == "shift_credibility" and e.mediator is not None and \
                    e.mediator not in {m.id for m in s.mediators}:
                known = ", ".join(m.id for m in s.mediators) or "none"
                yield Problem((*base, "mediator"),
                              f"unknown mediator '{e.mediator}' (mediators: {known}); leave the "
                              "field out to mean whichever mediator is played")
            if e.type == "shift_credibility" and not s.mediators:
                yield Problem((*base, "type"), "a credibility shift needs a mediator in the "
                              "scenario; add one under mediators or remove the event")
            if e.type == "add_red_line":
                yield from _red_line(s, e.red_line, (*base, "red_line"))
                held.setdefault(e.party, set()).add(e.red_line.id)
            if e.type == "drop_red_line" and e.party in party_ids:  # else reported above
                if e.red_line not in held.get(e.party, set()):
                    yield Problem(
                        (*base, "red_line"),
                        f"party '{e.party}' holds no red line '{e.red_line}' at this point",
                    )
                elif e.when is None:  # a conditional drop may not happen: the line may stay
                    held[e.party].discard(e.red_line)


def _roles(s: Scenario) -> Iterator[Problem]:
    seats = {p.id for p in s.parties} | {c.id for c in s.coalitions}
    first: dict[str, int] = {}
    for k, role in enumerate(s.roles):
        if role in first:
            message = f"role '{role}' is listed twice; remove one"
            yield Problem(("roles", k), message, see=("roles", first[role]))
            continue
        first[role] = k
        if role == "mediator":
            if not s.mediators:
                yield Problem(
                    ("roles", k), "role 'mediator' needs at least one mediator", needs="mediators"
                )
        elif role not in seats:
            yield Problem(("roles", k), f"'{role}' is not a party, a coalition or 'mediator'",
                          ref=("unknown", "party", role))


def _table(s: Scenario) -> Iterator[Problem]:
    """`join` and `leave` must change who sits at the table, or the author expects what the
    engine will not do (a join of a seated party is silently nothing). An event with a `when`
    may not happen, so after it the party may sit at the table or not: only a join of a party
    certainly seated, or a leave of one certainly away, is reported."""
    party_ids = {p.id for p in s.parties}
    seated = {p.id for p in s.parties if p.at_table}
    maybe: set[str] = set()  # parties whose seat depends on a conditional join or leave
    since: dict[str, str] = {}  # party -> why it is (not) at the table, for the message
    for i, rnd in enumerate(s.rounds):
        for j, e in enumerate(rnd.events):
            if e.type not in ("join", "leave") or e.party not in party_ids:
                continue
            where: Path = ("rounds", i, "events", j, "party")
            certain = e.party not in maybe
            if e.type == "join" and certain and e.party in seated:
                why = since.get(e.party, "it starts there (at_table is true)")
                yield Problem(
                    where,
                    f"party '{e.party}' is already at the table here: {why}; remove this event, "
                    "or give the party 'at_table: false' so that it joins here",
                )
            elif e.type == "leave" and certain and e.party not in seated:
                why = since.get(e.party, "it starts away from it (at_table: false)")
                yield Problem(
                    where,
                    f"party '{e.party}' is not at the table here: {why}; remove this event, or "
                    "add a 'join' event before it",
                )
            elif e.when is not None:  # it may or may not happen in a game
                maybe.add(e.party)
            else:
                maybe.discard(e.party)
                if e.type == "join":
                    seated.add(e.party)
                    since[e.party] = f"it joined in round '{rnd.id}'"
                else:
                    seated.discard(e.party)
                    since[e.party] = f"it left in round '{rnd.id}'"
