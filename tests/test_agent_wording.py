"""A rejection's numbers must show the gap that caused it: never 'worth 0.75, we ask 0.75'."""

from __future__ import annotations

import pytest

from game.engine.reasons import _apart


@pytest.mark.parametrize(
    ("value", "floor", "expected"),
    [
        (0.60, 0.75, ("0.60", "0.75")),
        (0.7481, 0.75, ("0.748", "0.750")),
        (0.74996, 0.75, ("just under 0.7500", "0.7500")),
    ],
)
def test_the_gap_is_visible(value: float, floor: float, expected: tuple[str, str]) -> None:
    shown, asked = _apart(value, floor)
    assert (shown, asked) == expected
    assert shown != asked
