"""Cross-reference checks of the teaching section: rounds it names exist, and an account that
rests only on opinion pieces is marked contested (the content rules: claims stay claims)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from game.scenario.models import Scenario
from game.scenario.yamlsafe import Path, Problem


def teaching_problems(s: Scenario) -> Iterator[Problem]:
    """Every problem of the teaching section (none when the scenario has no such section)."""
    if s.teaching is None:
        return
    rounds = [r.id for r in s.rounds]
    opinion = {src.id for src in s.sources if src.kind == "opinion"}
    t = s.teaching
    steps: list[tuple[Path, str | None]] = [
        *((("teaching", "run_sheet", k), x.round) for k, x in enumerate(t.run_sheet)),
        *((("teaching", "debrief", k), x.round) for k, x in enumerate(t.debrief)),
    ]
    for base, rnd in steps:
        if rnd is not None and rnd not in rounds:
            near = difflib.get_close_matches(rnd, rounds, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f"; rounds: {', '.join(rounds)}"
            yield Problem((*base, "round"), f"unknown round '{rnd}'{hint}")
    for k, item in enumerate(t.epilogue):
        if opinion and set(item.sources) <= opinion and not item.contested:
            yield Problem(
                ("teaching", "epilogue", k, "contested"),
                "rests only on opinion pieces (" + ", ".join(item.sources) + "): mark it "
                "contested: true and give its counter_accounts",
            )


