"""Forms the format gained for authors (issue 18): more source kinds, a negative reservation
value. Each validates, is refused out of range with a located message, and the engine honours it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.analysis import analyze
from game.engine.situation import situation_at
from game.scenario import parse_scenario

BASE = (Path(__file__).parent / "fixtures" / "base.yaml").read_text()


def _parse(text: str):  # noqa: ANN202 - a Parsed
    return parse_scenario(text.encode(), "f.yaml")


@pytest.mark.parametrize("kind", ["analysis", "official", "dataset"])
def test_new_source_kinds_validate(kind: str) -> None:
    parsed = _parse(BASE.replace("kind: news", f"kind: {kind}"))
    assert parsed.reports == []
    assert parsed.scenario is not None and parsed.scenario.sources[0].kind == kind


def test_an_unknown_source_kind_lists_every_kind() -> None:
    (report,) = _parse(BASE.replace("kind: news", "kind: blog")).reports
    assert str(report).startswith("f.yaml:10:11: sources[0].kind: ")
    for kind in ("opinion", "news", "explainer", "analysis", "official", "dataset"):
        assert f"'{kind}'" in str(report)


def test_a_negative_reservation_makes_every_feasible_package_acceptable() -> None:
    """West at -0.2: no deal is worse than its worst package, so only the red lines bind it."""
    parsed = _parse(BASE.replace("reservation: 0.35", "reservation: -0.2"))
    assert parsed.reports == [] and parsed.scenario is not None
    s = situation_at(parsed.scenario, 1)
    west = s.parties["west"]
    assert west.reservation == -0.2
    feasible = [p for p in [(a, b) for a in range(2) for b in range(2)]
                if not any(r.broken_by(p) for q in s.table for r in q.rules)]
    assert all(west.utility(p) > west.reservation for p in feasible)
    result = analyze(s)
    assert result.zopa == 2 and result.feasible == 2


@pytest.mark.parametrize(("authored", "delta", "expected"),
                         [(-0.2, -0.5, -0.7), (-0.2, -0.9, -1.0), (0.35, -0.6, 0.0)])
def test_shift_reservation_goes_below_0_only_for_a_party_authored_below_0(
    authored: float, delta: float, expected: float
) -> None:
    text = BASE.replace("reservation: 0.35", f"reservation: {authored}")
    text = text.replace("confidence_steps:\n", (
        "      - {type: shift_reservation, party: west, delta: " + str(delta)
        + ", text: Worse alternatives., sources: [S1]}\nconfidence_steps:\n"))
    parsed = _parse(text)
    assert parsed.reports == [] and parsed.scenario is not None
    assert situation_at(parsed.scenario, 2).parties["west"].reservation == pytest.approx(expected)


@pytest.mark.parametrize("value", ["-1.5", "1.2"])
def test_a_reservation_outside_minus_1_to_1_is_refused_where_written(value: str) -> None:
    (report,) = _parse(BASE.replace("reservation: 0.35", f"reservation: {value}")).reports
    assert str(report).startswith("f.yaml:54:18: parties[1].reservation: ")
    assert "-1" in str(report) or "1" in str(report)
