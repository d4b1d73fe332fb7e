"""An instructor's scenario written in the format as it stood before the authoring work: every
new check, warning and form must leave it valid, with nothing to say about it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.files import read_scenario

EXAMPLE = Path(__file__).parent / "fixtures" / "instructor" / "peacekeepers-2025.yaml"


def test_the_instructor_example_still_validates_without_a_word(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "1 file(s) checked, 0 invalid, 0 problem(s)\n" in err


def test_the_instructor_example_uses_what_the_format_offers() -> None:
    """Five parties, a coalition of three, a mediator, events of seven kinds: a real test of
    the checks, not a toy."""
    parsed = read_scenario(EXAMPLE)
    s = parsed.scenario
    assert s is not None and parsed.warnings == []
    assert len(s.parties) == 5
    assert [len(c.members) for c in s.coalitions] == [3]
    assert len(s.mediators) == 1
    kinds = {e.type for r in s.rounds for e in r.events}
    assert len(kinds) == 7
