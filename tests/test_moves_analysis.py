"""The move labels: every class from its defining utility changes, and on real offers."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.moves_analysis import believed_utility, classify, label_move, label_offers
from game.engine.situation import situation_at
from game.saves import load_save

FIXTURE = Path(__file__).parent / "fixtures" / "saves" / "v1-tutorial-ukraine.json"


@pytest.mark.parametrize(
    ("own", "other", "label"),
    [
        (0.0, 0.0, "silent"),
        (0.0, 0.1, "nice"),
        (0.1, 0.1, "fortunate"),
        (0.1, -0.1, "selfish"),
        (0.1, 0.0, "selfish"),
        (-0.1, 0.1, "concession"),
        (-0.1, 0.0, "concession"),
        (-0.1, -0.1, "unfortunate"),
        (0.0, -0.1, "unfortunate"),
        (1e-9, -1e-9, "silent"),
    ],
)
def test_classify(own: float, other: float, label: str) -> None:
    assert classify(own, other) == label


@pytest.fixture(scope="module")
def sit():
    # A frozen copy of the tutorial scenario, so content edits do not move these numbers.
    return situation_at(load_save(FIXTURE, check=False).data.scenario, 1)


def test_label_on_tutorial(sit) -> None:
    hard = sit.package({"ceasefire": "immediate", "corridors": "open", "prisoners": "all_for_all"})
    softer = sit.package({"ceasefire": "phased", "corridors": "open", "prisoners": "all_for_all"})
    lab = label_move(sit, "ukraine", hard, softer)
    # Ukraine values immediate 80 vs phased 70: it loses; Russia gains (20 -> 70).
    assert lab.label == "concession"
    assert lab.own < 0 < lab.other
    assert label_move(sit, "ukraine", softer, hard).label == "selfish"
    assert label_move(sit, "ukraine", None, hard).label == "opening"
    assert label_move(sit, "ukraine", hard, hard).label == "silent"


def test_label_offers_sequence_per_mover(sit) -> None:
    a = {"ceasefire": "immediate", "corridors": "open", "prisoners": "all_for_all"}
    b = {"ceasefire": "none", "corridors": "none", "prisoners": "partial"}
    c = {"ceasefire": "phased", "corridors": "open", "prisoners": "all_for_all"}
    labs = label_offers({1: sit}, [("ukraine", 1, a), ("russia", 1, b), ("ukraine", 1, c)])
    assert [x.label for x in labs] == ["opening", "opening", "concession"]


def test_mediator_has_no_own_utility(sit) -> None:
    a = {"ceasefire": "none", "corridors": "none", "prisoners": "later"}
    b = {"ceasefire": "phased", "corridors": "limited", "prisoners": "partial"}
    labs = label_offers({1: sit}, [("turkey", 1, a), ("turkey", 1, b)], seats={"turkey": ()})
    assert labs[1].own == 0.0
    assert labs[1].label in ("nice", "unfortunate")


def test_believed_is_truth_when_values_revealed_else_fixed_pie(sit) -> None:
    pkg = sit.package({"ceasefire": "phased", "corridors": "limited", "prisoners": "partial"})
    truth = sit.parties["russia"].utility(pkg)
    assert believed_utility(sit, ("ukraine",), "russia", pkg, ["values", "priorities"]) == (
        pytest.approx(truth)
    )
    guess = believed_utility(sit, ("ukraine",), "russia", pkg, ["positions"])
    mine = sit.parties["ukraine"]
    expected = sum((1 - mine.values[i][o]) / 3 for i, o in enumerate(pkg))
    assert guess == pytest.approx(expected)
    assert guess != pytest.approx(truth)
    assert believed_utility(sit, (), "russia", pkg, ["positions"]) is None
