"""1,000 seeded games per bundled scenario and role, with a random player poking at the rules:
no computer party ever accepts or tables a package that breaks its own red lines, every utility
lies in [0, 1], and every rejection carries a reason."""

from __future__ import annotations

import random

import pytest

from game.engine.book import Book
from game.engine.moves import Accept, Caucus, Draft, EndRound, Gesture, Move, Propose
from game.engine.session import MEDIATOR, IllegalMove, Session
from game.engine.situation import Situation, situation_at
from game.files import bundled_paths, read_scenario
from game.scenario.models import Scenario

pytestmark = pytest.mark.slow

GAMES = 1000


def cases() -> list[tuple[Scenario, str]]:
    out = []
    for path in bundled_paths():
        sc = read_scenario(path).scenario
        assert sc is not None, path
        out.extend((sc, role) for role in sc.roles)
    return out


def random_move(s: Session, rng: random.Random) -> Move:
    """A cheap, mostly legal move: a random package, an offer on the table, a gesture, or pass."""
    kinds = s.legal_moves()
    roll = rng.random()
    sit = s.situation
    package = {i: rng.choice(opts) for i, opts in zip(sit.issue_ids, sit.option_ids, strict=True)}
    if roll < 0.35 and "propose" in kinds:
        return Propose(package=package)
    if roll < 0.35 and "draft" in kinds:
        return Draft(package=package)
    if roll < 0.5 and "accept" in kinds:
        return Accept(offer=rng.choice([o.id for o in s.table if o.by != s.role]))
    if roll < 0.55 and "caucus" in kinds:
        return Caucus(party=rng.choice(sit.at_table))
    if roll < 0.6 and "gesture" in kinds:
        return Gesture(step=rng.choice(s.scenario.confidence_steps).id)
    return EndRound()


BOOKS: dict[str, Book] = {}


def play_random(sc: Scenario, role: str, seed: int) -> Session:
    rng = random.Random(seed)
    book = BOOKS.get(sc.id)
    if book is None or book.scenario is not sc:
        book = BOOKS[sc.id] = Book(sc)
    s = Session.start(sc, role, seed=seed, book=book)
    for _ in range(200):
        if s.finished:
            return s
        try:
            s.play(random_move(s, rng))
        except IllegalMove:
            s.play(EndRound())
    raise AssertionError(f"{sc.id}/{role}/{seed}: no end after 200 moves")


def check(s: Session, sits: dict[tuple[int, frozenset[tuple[int, int]]], Situation]) -> None:
    sc, role = s.scenario, s.role
    members = next((c.members for c in sc.coalitions if c.id == role), [])
    computer = {p.id for p in sc.parties} - {role}
    for e in s.log:
        key = (e.round, s.state.fired)  # the numbers as this game played them
        if key not in sits:
            sits[key] = situation_at(sc, e.round, s.state.fired)
        sit = sits[key]
        where = f"{sc.id}/{role}/seed {s.seed}/#{e.seq}"
        if e.kind in ("reject", "objection"):
            assert e.reasons and all(r.text for r in e.reasons), where
        numbers = list(getattr(e, "utilities", {}).values()) + [
            u for u in (getattr(e, "utility", None),) if u is not None]
        for value in numbers:
            assert isinstance(value, float) and 0.0 <= value <= 1.0, where
        if e.package is None:
            continue
        pkg = sit.package(e.package)
        judges: list[str] = []
        if e.actor in computer and e.kind in ("offer", "accept"):
            judges = [e.actor]
        elif e.actor == role and role not in computer and e.kind == "offer" and members:
            judges = list(members)  # what a coalition tables, its members consented to
        for party in judges:
            broken = [r.id for r in sit.parties[party].rules if r.broken_by(pkg)]
            assert not broken, f"{where}: {party} {e.kind} breaks its own {broken}"
    assert s.outcome is not None
    assert all(0.0 <= u <= 1.0 for u in s.outcome.utilities.values())
    assert 0.0 <= s.outcome.player.value <= 1.0


@pytest.mark.parametrize("sc,role", cases(), ids=lambda v: v if isinstance(v, str) else v.id)
def test_thousand_seeded_games_keep_the_rules(sc: Scenario, role: str) -> None:
    sits: dict[tuple[int, frozenset[tuple[int, int]]], Situation] = {}
    agreements = 0
    for seed in range(GAMES):
        s = play_random(sc, role, seed)
        check(s, sits)
        agreements += bool(s.outcome and s.outcome.agreement)
    assert role == MEDIATOR or agreements < GAMES  # a random player does not always win
