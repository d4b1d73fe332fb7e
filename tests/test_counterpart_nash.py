"""Hard counterparts end near the Nash point their model of the player's side suggests, rather
than at the other side's edge: they do not snap up an opening offer that leaves much of the
joint gain on the table, they counter with a package better for both sides together, and the
hold is gone by the deadline, so no agreement is lost to it."""

from __future__ import annotations

import itertools
import random
from typing import cast

from game.engine.agents import Agent
from game.engine.scoring import at_least
from game.engine.situation import Package, PartyState, Rule, Situation
from game.engine.strategies import Curve
from game.scenario.models import Scenario, Strategy

SIZES = (3, 3, 3)
A = PartyState("a", "A", (2 / 6, 1 / 6, 3 / 6),
               ((0.0, 1.0, 0.6), (1.0, 0.6, 0.2), (0.6, 1.0, 0.6)), 0.0, ())
B = PartyState("b", "B", (1 / 8, 4 / 8, 3 / 8),
               ((1.0, 0.2, 0.8), (1.0, 0.0, 0.0), (0.9, 1.0, 0.0)), 0.0, ())
OPENING = (0, 0, 1)
"""B's best package: worth 2/3 to A, and 5/3 to both sides together."""
NASH = (1, 0, 1)
"""The Nash point of A and B: worth 1.0 to A and 0.9 to B (1.9 together)."""
PACKAGES = list(itertools.product(*(range(n) for n in SIZES)))


def agent(level: float) -> Agent:
    return Agent("a", Curve(Strategy.model_validate({"name": "boulware"}), 10), SIZES,
                 level=level, live=True)


def table() -> Situation:
    """A two-party table as A reads it (its counter reads no scenario text)."""
    return Situation(cast(Scenario, None), 1, ("i0", "i1", "i2"),
                     tuple(tuple(f"o{j}" for j in range(n)) for n in SIZES), {"a": A},
                     ("a", "b"))


def test_the_domain_is_as_described() -> None:
    assert max(PACKAGES, key=B.utility) == OPENING
    assert max(PACKAGES, key=lambda p: A.utility(p) * B.utility(p)) == NASH
    assert A.utility(NASH) + B.utility(NASH) > A.utility(OPENING) + B.utility(OPENING) + 0.2


def test_a_hard_party_holds_out_for_the_nash_point_instead_of_taking_the_opening_offer() -> None:
    hard = agent(1.0)
    hard.observe("b", OPENING, A, press=True)
    assert hard.nash_share(A, 0.0) == A.utility(NASH)
    for t in (0.1, 0.5, 0.8):
        asp = hard.aspiration(A, t, 0.0, 1 + int(t * 10))
        assert not at_least(A.utility(OPENING), asp), t  # the engine's test: it refuses
        counter = hard.counter(table(), asp, ["b"], random.Random(0))
        assert counter is not None
        assert A.utility(counter) + B.utility(counter) > A.utility(OPENING) + B.utility(OPENING)
    # by the deadline the hold is gone: the opening offer beats no deal, and it takes it
    assert at_least(A.utility(OPENING), hard.aspiration(A, 1.0, 0.0, 10))


def test_the_easiest_level_does_not_hold_out() -> None:
    easy, hard = agent(0.0), agent(1.0)
    for a in (easy, hard):
        a.observe("b", OPENING, A, press=True)
    asks = [a.aspiration(A, 0.5, 0.0, 6) for a in (easy, hard)]
    assert asks[0] < A.utility(OPENING) < asks[1]


def test_the_nash_estimate_skips_packages_breaking_a_red_line_the_other_side_named() -> None:
    hard = agent(1.0)
    hard.observe("b", OPENING, A, press=True)
    no_middle = Rule("b1", "b", "never the middle option on the first issue", ("S1",),
                     ((0, frozenset({1})),))
    hard.learn(no_middle)
    share = hard.nash_share(A, 0.0)
    assert share is not None and share < A.utility(NASH)
    allowed: list[Package] = [p for p in PACKAGES if not no_middle.broken_by(p)]
    assert any(abs(A.utility(p) - share) < 1e-9 for p in allowed)


def test_no_hold_before_the_other_side_has_offered_anything() -> None:
    hard = agent(1.0)
    assert hard.nash_share(A, 0.0) is None
    fellow = agent(1.0)
    fellow.observe("b", OPENING, A)  # a fellow computer party's offer: its pressure never counts
    assert fellow.nash_share(A, 0.0) is None
