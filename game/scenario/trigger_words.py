"""A trigger's conditions in an author's and a student's words (the log says why an event fired;
the analysis lists what would open the zone)."""

from __future__ import annotations

from game.scenario.models import Scenario
from game.scenario.triggers import Trigger


def describe(scenario: Scenario, when: Trigger) -> str:
    """The trigger in words, for the log: why this event happened in this game."""
    return f"This happened because {conditions_in_words(scenario, when)}."


def conditions_in_words(scenario: Scenario, when: Trigger) -> str:
    """The trigger's conditions in words, joined by semicolons."""
    names = {p.id: p.name for p in scenario.parties} | {c.id: c.name for c in scenario.coalitions}
    names["mediator"] = "a mediator"
    parts = []
    if when.trust is not None:
        a, b = (names.get(p, p) for p in when.trust.parties)
        parts.append(f"trust between {a} and {b} reached {when.trust.at_least:.2f}")
    if when.step_taken is not None:
        titles = {c.id: c.title for c in scenario.confidence_steps}
        parts.append(f"the step '{titles.get(when.step_taken, when.step_taken)}' was taken")
    for verb, played in (("offered", when.offered), ("accepted", when.accepted)):
        if played is not None:
            who = names.get(played.by, played.by) if played.by else "a party"
            parts.append(f"{who} {verb} {played.issue} = {played.option}")
    if when.no_deal_after is not None:
        parts.append(f"round {when.no_deal_after} ended without a deal")
    if when.red_line_named is not None:
        who = names.get(when.red_line_named.party, when.red_line_named.party)
        where = " in a caucus" if when.red_line_named.in_caucus else ""
        parts.append(f"{who} named its red line '{when.red_line_named.red_line}'{where}")
    if when.walked_out is not None:
        parts.append(f"{names.get(when.walked_out, when.walked_out)} walked out")
    if when.any_of is not None:
        parts.append(" or ".join(f"({conditions_in_words(scenario, t)})" for t in when.any_of))
    return "; ".join(parts)
