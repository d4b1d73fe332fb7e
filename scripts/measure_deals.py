"""Deal rounds and distinct deals over simulated games: every seat, every player strategy.

    python scripts/measure_deals.py content/istanbul-2022.yaml [--games-per 10] [--all-levels]

Prints, for the scenario: games, deals, deals by round, distinct deals, and per seat the same.
`--all-levels` plays every difficulty level the scenario offers (else only its default).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from game.engine.book import Book
from game.engine.players import PLAYER_STRATEGIES, player_bot, run_game
from game.engine.session import Session
from game.files import read_scenario
from game.scenario.models import Scenario


def measure(scenario: Scenario, games_per: int,
            levels: list[str | None] | None = None) -> dict[str, Any]:
    """Play every seat with every player strategy, `games_per` seeds each (at each of `levels`;
    None: the default level), and count deals."""
    book = Book(scenario)
    rounds: Counter[int] = Counter()
    deals: Counter[str] = Counter()
    seats: dict[str, Counter[str]] = {}
    games = 0
    for role in scenario.roles:
        seat = seats.setdefault(role, Counter())
        for strategy in PLAYER_STRATEGIES:
            for seed, level in ((n, lv) for lv in (levels or [None])
                                for n in range(games_per)):
                mediator = (scenario.mediators[seed % len(scenario.mediators)].id
                            if role == "mediator" else None)
                s = Session.start(scenario, role, seed=seed, difficulty=level,
                                  mediator=mediator, book=book)
                run_game(s, player_bot(strategy, role, seed))
                games += 1
                last = s.log[-1]
                if last.kind == "agreement" and last.package:
                    key = ",".join(f"{k}={v}" for k, v in sorted(last.package.items()))
                    rounds[last.round] += 1
                    deals[key] += 1
                    seat[key] += 1
                    seat["_deals"] += 1
                seat["_games"] += 1
    return {"games": games, "deals": sum(rounds.values()),
            "by_round": dict(sorted(rounds.items())), "distinct": len(deals),
            "seats": {r: {"games": c["_games"], "deals": c["_deals"],
                          "distinct": len([k for k in c if not k.startswith("_")])}
                      for r, c in seats.items()}}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("path")
    p.add_argument("--games-per", type=int, default=10, help="seeds per seat and strategy")
    p.add_argument("--all-levels", action="store_true", help="every difficulty level, not "
                   "only the default")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    scenario = read_scenario(args.path).scenario
    assert scenario is not None, args.path
    levels: list[str | None] | None = (
        [lv.id for lv in scenario.difficulties] if args.all_levels else None)
    out = measure(scenario, args.games_per, levels)
    print(json.dumps(out) if args.json else json.dumps(out, indent=1))

if __name__ == "__main__":
    main()
