"""Checks of event conditions (`when`): every reference known, and no condition that can never
hold, since an event behind such a condition would silently never happen."""

from __future__ import annotations

from collections.abc import Iterator

from game.scenario.models import Scenario
from game.scenario.triggers import OptionPlayed, Trigger
from game.scenario.yamlsafe import Path, Problem


def trigger_problems(s: Scenario) -> Iterator[Problem]:
    held = {p.id: {r.id for r in p.red_lines} for p in s.parties}
    for i, rnd in enumerate(s.rounds):
        for j, e in enumerate(rnd.events):
            if e.when is not None:
                yield from _trigger(s, e.when, i + 1, held, ("rounds", i, "events", j, "when"))
        for e in rnd.events:  # red lines drawn in this round can be named from the next one
            if e.type == "add_red_line" and e.when is None:
                held.setdefault(e.party, set()).add(e.red_line.id)


def _trigger(s: Scenario, when: Trigger, number: int, held: dict[str, set[str]],
             path: Path) -> Iterator[Problem]:
    parties = {p.id for p in s.parties}
    if when.trust is not None:
        for k, pid in enumerate(when.trust.parties):
            if pid not in parties:
                yield _unknown((*path, "trust", "parties", k), "party", pid, parties)
        if when.trust.parties[0] == when.trust.parties[1]:
            yield Problem((*path, "trust", "parties", 1),
                          f"names '{when.trust.parties[0]}' twice; trust is between two "
                          "different parties, so this condition can never hold")
    if when.step_taken is not None:
        steps = {c.id for c in s.confidence_steps}
        if when.step_taken not in steps:
            yield _unknown((*path, "step_taken"), "confidence step", when.step_taken, steps)
        elif number == 1:
            yield Problem((*path, "step_taken"), "no step can be taken before round 1 opens, "
                          "so this condition can never hold; put the event in a later round")
    for field in ("offered", "accepted"):
        played = getattr(when, field)
        if played is not None:
            yield from _played(s, played, number, (*path, field))
    if when.no_deal_after is not None and when.no_deal_after >= number:
        yield Problem((*path, "no_deal_after"),
                      f"round {when.no_deal_after} is not over when round {number} opens, so "
                      f"this condition can never hold; use a number from 1 to {number - 1}")
    if when.red_line_named is not None:
        named = when.red_line_named
        if named.party not in parties:
            yield _unknown((*path, "red_line_named", "party"), "party", named.party, parties)
        elif named.red_line not in held.get(named.party, set()):
            yield Problem((*path, "red_line_named", "red_line"),
                          f"party '{named.party}' holds no red line '{named.red_line}' before "
                          f"round {number}, so this condition can never hold")
        if named.in_caucus and not s.mediators:
            yield Problem((*path, "red_line_named"), "red lines are named in a mediator's "
                          "caucus and the scenario has no mediator, so this condition can never "
                          "hold")
    for k, alternative in enumerate(when.any_of or []):
        yield from _trigger(s, alternative, number, held, (*path, "any_of", k))
    if when.walked_out is not None:
        if when.walked_out not in parties:
            yield _unknown((*path, "walked_out"), "party", when.walked_out, parties)
        elif number == 1:
            yield Problem((*path, "walked_out"), "no party can walk out before round 1 opens, "
                          "so this condition can never hold; put the event in a later round")


def _played(s: Scenario, played: OptionPlayed, number: int, path: Path) -> Iterator[Problem]:
    issue = next((x for x in s.issues if x.id == played.issue), None)
    if issue is None:
        yield _unknown((*path, "issue"), "issue", played.issue, {x.id for x in s.issues})
    elif played.option not in {o.id for o in issue.options}:
        yield _unknown((*path, "option"), f"option of issue '{issue.id}'", played.option,
                       {o.id for o in issue.options})
    seats = {p.id for p in s.parties} | {c.id for c in s.coalitions}
    if s.mediators and field_is_offered(path):
        seats.add("mediator")  # a mediator's draft puts options on the table too
    if played.by is not None and played.by not in seats:
        yield _unknown((*path, "by"), "party or coalition", played.by, seats)
    if number == 1:
        yield Problem(path, "nothing is offered or accepted before round 1 opens, so this "
                      "condition can never hold; put the event in a later round")


def _unknown(path: Path, what: str, name: str, known: set[str]) -> Problem:
    return Problem(path, f"unknown {what} '{name}' (known: {', '.join(sorted(known)) or 'none'})")


def field_is_offered(path: Path) -> bool:
    return bool(path) and path[-1] == "offered"
