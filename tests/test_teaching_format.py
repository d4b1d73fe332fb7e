"""The teaching section of the scenario format: optional, checked like the rest, every mistake
reported at its line and field (tests/fixtures/base.yaml plus one teaching section)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import parse_scenario

BASE = (Path(__file__).parent / "fixtures" / "base.yaml").read_text(encoding="utf-8")

GOOD = """\
teaching:
  objectives:
    - {text: Tell a red line from a reservation value., sources: [S1]}
  run_sheet:
    - {title: Briefing, minutes: 10, text: Students read their packets.}
    - {title: Round one, minutes: 20, text: Play the first round., round: r1}
  debrief:
    - {text: What did the first round teach?, sources: [S1], round: r1}
    - {text: What opened the zone?, sources: [S1], turning_point: zone_opens}
  epilogue:
    - text: The talks stalled.
      sources: [S1]
    - text: According to S2, one side walked away.
      sources: [S2]
      contested: true
      counter_accounts:
        - {text: S1 tells it differently., sources: [S1]}
"""


def _parse(teaching: str) -> list[str]:
    parsed = parse_scenario((BASE + teaching).encode(), "t.yaml")
    return [str(r) for r in parsed.reports]


def test_a_scenario_without_teaching_still_validates() -> None:
    parsed = parse_scenario(BASE.encode(), "t.yaml")
    assert parsed.reports == [] and parsed.scenario is not None
    assert parsed.scenario.teaching is None


def test_a_good_teaching_section_validates() -> None:
    parsed = parse_scenario((BASE + GOOD).encode(), "t.yaml")
    assert parsed.reports == []
    assert parsed.scenario is not None and parsed.scenario.teaching is not None
    assert [s.minutes for s in parsed.scenario.teaching.run_sheet] == [10, 20]


BROKEN = [
    # (replace, with, words the one report must contain, the line it must name holds this)
    ("[S1], round: r1}", "[S9], round: r1}",
     ["teaching.debrief[0].sources[0]", "unknown source 'S9'"], "first round teach"),
    ("Play the first round., round: r1}", "Play the first round., round: r7}",
     ["teaching.run_sheet[1].round", "unknown round 'r7'", "rounds: r1, r2"], "Round one"),
    ("sources: [S1], round: r1}", "sources: [S1]}",
     ["teaching.debrief[0]", "exactly one of: round, turning_point"], "first round teach"),
    ("turning_point: zone_opens", "turning_point: zone_flips",
     ["teaching.debrief[1].turning_point", "'zone_opens'"], "opened the zone"),
    ("      contested: true\n      counter_accounts:\n        - {text: S1 tells it differently., "
     "sources: [S1]}\n", "",
     ["teaching.epilogue[1].contested", "rests only on opinion pieces (S2)"],
     "one side walked away"),
    ("      counter_accounts:\n        - {text: S1 tells it differently., sources: [S1]}\n", "",
     ["teaching.epilogue[1]", "needs at least one counter_accounts"], "one side walked away"),
    ("minutes: 10", "minutes: 0", ["teaching.run_sheet[0].minutes", "greater than or equal to 1"],
     "Briefing"),
    ("  objectives:\n    - {text: Tell a red line from a reservation value., sources: [S1]}\n",
     "  objectives: []\n", ["teaching.objectives", "at least 1 item"], "objectives"),
]


@pytest.mark.parametrize(("old", "new", "words", "where"), BROKEN,
                         ids=[w[0] for _, _, w, _ in BROKEN])
def test_each_mistake_is_reported_once_at_its_line(old: str, new: str, words: list[str],
                                                   where: str) -> None:
    assert old in GOOD
    broken = GOOD.replace(old, new)
    reports = _parse(broken)
    assert len(reports) == 1, reports
    for word in words:
        assert word in reports[0]
    line = int(reports[0].split(":")[1])
    assert where in (BASE + broken).splitlines()[line - 1]
