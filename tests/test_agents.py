"""Computer parties: pools of own feasible packages, the frequency model, strategies, answers."""

from __future__ import annotations

import itertools
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.agents import Agent, FrequencyModel, pool_for
from game.engine.situation import PartyState, Rule, Situation
from game.engine.strategies import DESCRIPTIONS, Curve
from game.scenario.models import Scenario, Strategy
from tests.test_session import scenario as fixture

ROUNDS = 4


def party(sizes: tuple[int, ...], seed: int = 0, rules: tuple[Rule, ...] = ()) -> PartyState:
    rng = random.Random(seed)
    raw = [rng.random() + 0.01 for _ in sizes]
    weights = tuple(w / sum(raw) for w in raw)
    values = tuple(tuple(rng.random() for _ in range(k)) for k in sizes)
    return PartyState("p", "P", weights, values, 0.3, rules)


def rule(rid: str, literals: list[tuple[int, set[int]]]) -> Rule:
    return Rule(rid, "p", rid, ("S1",), tuple((i, frozenset(o)) for i, o in literals))


# -- pools ---------------------------------------------------------------------------------------


def test_small_pool_holds_only_own_feasible_packages_best_first() -> None:
    sizes = (3, 3, 2)
    rules = (rule("r1", [(0, {0})]), rule("r2", [(1, {2}), (2, {1})]))
    p = party(sizes, rules=rules)
    pool = pool_for(p, sizes)
    feasible = [pk for pk in itertools.product(*(range(k) for k in sizes))
                if not any(r.broken_by(pk) for r in rules)]
    assert len(pool.packages) == len(feasible)
    assert all(not any(r.broken_by(tuple(pk)) for r in rules) for pk in pool.packages)
    assert np.all(np.diff(pool.utilities) <= 1e-12)
    assert pool.top == max(p.utility(pk) for pk in feasible)
    for pk, u in zip(pool.packages, pool.utilities, strict=True):
        assert u == p.utility(tuple(int(x) for x in pk))


def test_large_space_is_sampled_not_enumerated_and_stays_feasible() -> None:
    sizes = (4,) * 12  # 16.8 million packages
    rules = (rule("r1", [(0, {0, 1})]), rule("r2", [(3, {2}), (5, {0, 1, 2})]))
    p = party(sizes, seed=4, rules=rules)
    pool = pool_for(p, sizes)
    assert 100 < len(pool.packages) <= 50 * 60 + 1
    assert all(not any(r.broken_by(tuple(pk)) for r in rules) for pk in pool.packages)
    best = tuple(int(np.argmax(v)) for v in p.values)
    assert not any(r.broken_by(best) for r in rules)  # the seed gives a feasible favourite
    assert abs(pool.top - p.utility(best)) < 1e-12  # ... and the sampled pool keeps it
    # spread over the range: both high and low utilities are there to concede through
    assert pool.utilities[0] - pool.utilities[-1] > 0.3


# -- the frequency model -------------------------------------------------------------------------


def test_frequency_model_learns_what_a_seat_never_gives_up() -> None:
    model = FrequencyModel.empty((3, 3, 3))
    for pk in [(2, 0, 1), (2, 1, 0), (2, 2, 2), (2, 0, 0)]:
        model.observe(pk)
    w = model.weights()
    assert w[0] > w[1] and w[0] > w[2]
    est = model.estimate(np.array([[2, 0, 0], [0, 0, 0]]))
    assert est[0] > est[1]
    assert np.all((est >= 0) & (est <= 1))


# -- strategies ----------------------------------------------------------------------------------


def curve(name: str, **kw: object) -> Curve:
    return Curve(Strategy(name=name, **kw), ROUNDS)


def test_boulware_holds_out_longer_than_linear_and_conceder() -> None:
    top, floor = 0.9, 0.4
    for t in (0.25, 0.5, 0.75):
        b, lin, c = (curve(n).aspiration(t, top, floor, 0.0, 1) for n in
                     ("boulware", "linear", "conceder"))
        assert b > lin > c
    for name in ("boulware", "linear", "conceder"):
        assert curve(name).aspiration(0.0, top, floor, 0.0, 1) == top
        assert abs(curve(name).aspiration(1.0, top, floor, 0.0, ROUNDS) - floor) < 1e-12


def test_hardliner_barely_moves_then_settles_at_its_deadline() -> None:
    c = curve("hardliner", deadline_round=3)
    assert c.aspiration(0.4, 0.9, 0.4, 0.0, 2) > 0.9 - 0.15 * 0.5
    assert c.aspiration(0.5, 0.9, 0.4, 0.0, 3) == 0.4
    assert "deadline: round 3" in c.describe()


def test_tit_for_tat_mirrors_concessions_received() -> None:
    c = curve("tit_for_tat")
    still = c.aspiration(0.5, 0.9, 0.4, 0.0, 2)
    moved = c.aspiration(0.5, 0.9, 0.4, 0.6, 2)
    assert moved < still


def test_every_strategy_is_described_in_plain_words() -> None:
    for name in DESCRIPTIONS:
        text = curve(name).describe()
        assert text.startswith(DESCRIPTIONS[name])
        assert len(text.split()) >= 8 and "_" not in text
        assert curve(name, walkout_margin=0.1).describe().endswith("alternative to a deal")


# -- answers -------------------------------------------------------------------------------------


def _fixture() -> tuple[Scenario, Situation]:
    from game.engine.situation import situation_at

    sc = fixture()
    return sc, situation_at(sc, 1)


@settings(max_examples=200, deadline=None)
@given(
    pkg=st.tuples(*(st.integers(0, 2) for _ in range(3))),
    floor=st.floats(0, 1),
    asp=st.floats(0, 1),
    who=st.sampled_from(["a", "b", "c", "d"]),
)
def test_an_agent_never_accepts_a_package_breaking_its_red_lines(
    pkg: tuple[int, ...], floor: float, asp: float, who: str
) -> None:
    sc, sit = _fixture()
    agent = Agent(who, curve("linear"), (3, 3, 3))
    reasons = agent.answer(sit, pkg, floor, asp)
    own = sit.parties[who]
    broken = {r.id for r in own.rules if r.broken_by(pkg)}
    if broken:
        assert {r.red_line for r in reasons} == broken
        assert all(r.sources for r in reasons)
    elif own.utility(pkg) >= max(floor, asp):
        assert reasons == []
    else:
        assert reasons and reasons[0].red_line is None and "worth" in reasons[0].text


@settings(max_examples=100, deadline=None)
@given(asp=st.floats(0, 1), seed=st.integers(0, 1000), who=st.sampled_from(["a", "b", "c"]))
def test_counters_are_own_feasible_and_meet_the_aspiration_when_possible(
    asp: float, seed: int, who: str
) -> None:
    sc, sit = _fixture()
    agent = Agent(who, curve("linear"), (3, 3, 3))
    agent.observe("x", (0, 1, 2), sit.parties[who])
    pkg = agent.counter(sit, asp, ["x"], random.Random(seed))
    assert pkg is not None
    own = sit.parties[who]
    assert not any(r.broken_by(pkg) for r in own.rules)
    top = agent.pool(own).top
    assert own.utility(pkg) >= min(asp, top) - 1e-9


def test_counter_prefers_what_the_other_side_keeps_asking_for() -> None:
    sc, sit = _fixture()
    agent = Agent("c", curve("linear"), (3, 3, 3))
    own = sit.parties["c"]
    for _ in range(4):
        agent.observe("b", (1, 1, 1), own)  # b keeps asking for phased / observers / some
    asp = own.utility((1, 1, 1)) - 0.01  # (1, 1, 1) lies just above c's aspiration
    near = [tuple(int(x) for x in pk) for pk, u in zip(*_pool(agent, own), strict=True)
            if asp <= u <= asp + 0.06]
    assert len(near) > 1 and (1, 1, 1) in near
    for seed in range(5):
        assert agent.counter(sit, asp, ["b"], random.Random(seed)) == (1, 1, 1)


def _pool(agent: Agent, own: PartyState) -> tuple[np.ndarray, np.ndarray]:
    pool = agent.pool(own)
    return pool.packages, pool.utilities
