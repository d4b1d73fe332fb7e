"""The game engine: how fast a computer party answers, and how hard each scenario is.

Run by hand: `python bench/bench_engine.py [--seeds N] [--part answers|outcomes|all]`.
Prints Markdown tables; the figures go in bench/RESULTS.md under "Game engine".

- answers: every `Agent.answer` (accept or reject, with reasons) and `Agent.counter` (choose a
  counter-offer) made during 30 games per bundled scenario and role, timed one by one, and each
  whole player move (`Session.play`: every computer party answers and counters); plus a
  synthetic party over 12 issues x 4 options (16.8 million packages), the size the engine must
  handle without enumerating.
- outcomes: per bundled scenario and role, each built-in player strategy over N seeds: agreement
  rate, mean player score (0-1, as the debrief defines it), mean log length and ms per game.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import agents  # noqa: E402
from game.engine.book import Book  # noqa: E402
from game.engine.players import PLAYER_STRATEGIES, player_bot, run_game  # noqa: E402
from game.engine.session import Session  # noqa: E402
from game.files import bundled_paths, read_scenario  # noqa: E402
from game.scenario.models import Scenario  # noqa: E402


def scenarios() -> list[Scenario]:
    out = []
    for path in bundled_paths():
        sc = read_scenario(path).scenario
        if sc is not None:
            out.append(sc)
    return out


def _timed(samples: list[float], fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kw: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kw)
        finally:
            samples.append((time.perf_counter() - start) * 1000)

    return wrapper


def _stats(samples: list[float]) -> str:
    if not samples:
        return "| - | - | - | - |"
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return (f"| {len(samples)} | {statistics.median(samples):.3f} | {p99:.3f} "
            f"| {max(samples):.3f} |")


def answers(games: int = 30, difficulty: str | None = None) -> list[str]:
    """Time every answer and counter of the computer parties in real games."""
    lines = ["| scenario | call | calls | median ms | p99 ms | max ms |",
             "|---|---|---:|---:|---:|---:|"]
    for sc in scenarios():
        answer_ms: list[float] = []
        counter_ms: list[float] = []
        play_ms: list[float] = []
        plain_answer, plain_counter = agents.Agent.answer, agents.Agent.counter
        agents.Agent.answer = _timed(answer_ms, plain_answer)  # type: ignore[method-assign]
        agents.Agent.counter = _timed(counter_ms, plain_counter)  # type: ignore[method-assign]
        try:
            book = Book(sc)
            for role in sc.roles:
                for seed in range(games):
                    s = Session.start(sc, role, seed=seed, book=book, difficulty=difficulty)
                    bot = player_bot("linear", role, seed)
                    while not s.finished:
                        move = bot.move(s)
                        start = time.perf_counter()
                        s.play(move)
                        play_ms.append((time.perf_counter() - start) * 1000)
        finally:
            agents.Agent.answer, agents.Agent.counter = plain_answer, plain_counter
        lines.append(f"| {sc.id} | answer (accept/reject + reasons) {_stats(answer_ms)}")
        lines.append(f"| {sc.id} | counter-offer (first of a round builds the pool) "
                     f"{_stats(counter_ms)}")
        lines.append(f"| {sc.id} | whole player move: every party answers and counters "
                     f"{_stats(play_ms)}")
    return lines


def large_space() -> list[str]:
    """A party over 16.8 million packages: pool build, counter and answer times."""
    from game.engine.situation import PartyState, Rule
    from game.engine.strategies import Curve
    from game.scenario.models import Strategy

    sizes = (4,) * 12
    rng = random.Random(1)
    raw = [rng.random() + 0.1 for _ in sizes]
    weights = tuple(w / sum(raw) for w in raw)
    values = tuple(tuple(rng.random() for _ in range(k)) for k in sizes)
    rules = (Rule("r1", "big", "r1", ("S1",), ((0, frozenset({0})),)),
             Rule("r2", "big", "r2", ("S1",), ((1, frozenset({1})), (2, frozenset({2, 3})))))
    party = PartyState("big", "Big", weights, values, 0.3, rules)
    start = time.perf_counter()
    pool = agents.pool_for(party, sizes)
    build = (time.perf_counter() - start) * 1000
    agent = agents.Agent("big", Curve(Strategy(name="linear"), 4), sizes)
    # the hardest level as a live game plays it: the player's seat presses (its offers count),
    # and the party has said yes-worthy packages to hold (its aspiration runs the concession
    # curve, the Nash estimate over the whole pool and the acceptance hold on every call)
    hard = agents.Agent("big", Curve(Strategy(name="boulware"), 4), sizes, level=1.0, live=True)
    for _ in range(5):
        offer = tuple(rng.randrange(4) for _ in sizes)
        agent.observe("other", offer, party)
        hard.observe("other", offer, party, press=True)
        hard.yielded[offer] = 0.5
    counter_ms, answer_ms, hard_counter_ms, hard_answer_ms = [], [], [], []
    sit = _one_party_situation(party, sizes)
    for i in range(200):
        asp = 0.3 + 0.6 * (i / 200)
        start = time.perf_counter()
        agent.counter(sit, asp, ["other"], rng)
        counter_ms.append((time.perf_counter() - start) * 1000)
        pkg = tuple(rng.randrange(4) for _ in sizes)
        start = time.perf_counter()
        agent.answer(sit, pkg, 0.3, asp)
        answer_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        hard.counter(sit, hard.aspiration(party, i / 200, 0.3, 1 + i // 50), ["other"], rng)
        hard_counter_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        hard.answer(sit, pkg, 0.3, hard.aspiration(party, i / 200, 0.3, 1 + i // 50))
        hard_answer_ms.append((time.perf_counter() - start) * 1000)
    return [
        f"Synthetic party, 12 issues x 4 options = {4 ** 12:,} packages: pool of "
        f"{len(pool.packages):,} own feasible packages built once in {build:.0f} ms (cached).",
        "",
        "| call | calls | median ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|",
        f"| counter-offer {_stats(counter_ms)}",
        f"| answer {_stats(answer_ms)}",
        f"| hardest level: aspiration + counter-offer {_stats(hard_counter_ms)}",
        f"| hardest level: aspiration + answer {_stats(hard_answer_ms)}",
    ]


def _one_party_situation(party: Any, sizes: tuple[int, ...]) -> Any:
    """A minimal Situation around one synthetic party (answers name issues and options)."""
    from game.engine.situation import Situation
    from game.scenario.models import Scenario as Sc

    src = ["S1"]
    issues = [{"id": f"i{i}", "title": f"Issue {i}", "sources": src,
               "options": [{"id": f"o{o}", "label": f"Option {o}", "sources": src}
                           for o in range(k)]} for i, k in enumerate(sizes)]
    sc = Sc.model_validate({
        "id": "big", "title": "big", "period": "p", "summary": "s",
        "sources": [{"id": "S1", "title": "t", "date": "d", "kind": "news", "perspective": "p"}],
        "issues": issues,
        "parties": [{"id": pid, "name": pid, "brief": "b", "sources": src,
                     "weights": {f"i{i}": 1 for i in range(len(sizes))},
                     "values": {f"i{i}": {f"o{o}": 50 for o in range(k)}
                                for i, k in enumerate(sizes)},
                     "reservation": 0.3} for pid in ("big", "other")],
        "rounds": [{"id": "r1", "title": "r", "date": "d", "briefing": [{"text": "t",
                                                                          "sources": src}]}],
        "roles": ["big"],
    })
    ids = tuple(f"i{i}" for i in range(len(sizes)))
    opts = tuple(tuple(f"o{o}" for o in range(k)) for k in sizes)
    return Situation(sc, 1, ids, opts, {"big": party}, ("big",))


def outcomes(seeds: int) -> list[str]:
    """Agreement rate and mean player score per scenario, role and built-in player strategy."""
    lines = ["| scenario | role | strategy | agreement % | mean score | mean log | ms/game |",
             "|---|---|---|---:|---:|---:|---:|"]
    for sc in scenarios():
        book = Book(sc)
        for role in sc.roles:
            for name in PLAYER_STRATEGIES:
                agreed, score, entries = 0, 0.0, 0
                start = time.perf_counter()
                for seed in range(seeds):
                    s = Session.start(sc, role, seed=seed, book=book)
                    run_game(s, player_bot(name, role, seed))
                    assert s.outcome is not None
                    agreed += s.outcome.agreement
                    score += s.outcome.player.value
                    entries += len(s.log)
                ms = (time.perf_counter() - start) * 1000 / seeds
                lines.append(f"| {sc.id} | {role} | {name} | {100 * agreed / seeds:.1f} "
                             f"| {score / seeds:.3f} | {entries / seeds:.0f} | {ms:.1f} |")
                print(lines[-1], file=sys.stderr, flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1000)
    parser.add_argument("--part", choices=("answers", "outcomes", "all"), default="all")
    parser.add_argument("--difficulty", help="level the answers are timed at (default: first)")
    args = parser.parse_args()
    if args.part in ("answers", "all"):
        print("\n".join(answers(difficulty=args.difficulty)))
        print()
        print("\n".join(large_space()))
        print()
    if args.part in ("outcomes", "all"):
        print("\n".join(outcomes(args.seeds)))


if __name__ == "__main__":
    main()
