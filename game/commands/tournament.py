"""`redlines tournament PATH [--seeds N] [--difficulty LEVEL] [--json]`: every built-in player
strategy in every seat against the scenario's computer parties, N games each; per seat and
strategy, the agreement rate, the mean score and the mean distance to the Nash point, with the
score the seat would have had at that Nash point (its par). A balance check an instructor can
run on any scenario (as GENIUS and NegMAS run tournaments)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from game.engine.session import Session
    from game.scenario.models import Scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tournament", help="every built-in strategy in every seat: a balance check",
                       description=__doc__)
    p.add_argument("path", metavar="PATH", help="a scenario file, or the id of a bundled one")
    p.add_argument("--seeds", type=int, default=20, metavar="N",
                   help="games per seat and strategy (seeds 0..N-1, default 20)")
    p.add_argument("--difficulty", metavar="LEVEL",
                   help="one of the scenario's levels (default: every level)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def nash_distance(session: Session) -> float | None:
    """Root mean square distance, over the parties at the table, between the final utilities
    and the Nash point's, in the last round as this game played it (its conditional events
    included); None when that round has no Nash point."""
    outcome = session.outcome
    assert outcome is not None
    state = session.snapshot()
    nash = state.book.analysis(state.round, state.fired).nash
    if nash is None:
        return None
    table = [p for p in state.sit.at_table if p in nash.utilities]
    if not table:
        return None
    sq = sum((outcome.utilities[p] - nash.utilities[p]) ** 2 for p in table)
    return float((sq / len(table)) ** 0.5)


def play_rows(scenario: Scenario, seeds: int, levels: list[str],
              progress: Callable[[int, int, str], None] | None = None) -> list[dict[str, Any]]:
    """One row per seat, strategy and level: the tournament's figures (the issue's keys), each
    with its par under the key "par" (see `split_pars`). `progress(done, total, what)` is told
    after every row: a whole tournament takes minutes."""
    from game.engine.players import NAIVE_STRATEGIES, PLAYER_STRATEGIES

    plan = [(level, seat, name) for level in levels for seat in scenario.roles
            for name in PLAYER_STRATEGIES
            # the naive ones are party yardsticks: a mediator has no ideal package of its own
            if not (seat == "mediator" and name in NAIVE_STRATEGIES)]
    rows = []
    for done, (level, seat, name) in enumerate(plan, 1):
        rows.append(play_row(scenario, seeds, level, seat, name))
        if progress is not None:
            progress(done, len(plan), f"{seat}, {name}, {level}")
    return rows


def play_row(scenario: Scenario, seeds: int, level: str, seat: str,
             name: str) -> dict[str, Any]:
    """`seeds` games of the built-in strategy `name` in `seat` at `level`, as one row."""
    from game.engine.outcome import nash_score
    from game.engine.players import player_bot, run_game
    from game.engine.session import Session

    scores, deals, dists, pars = [], 0, [], []
    for seed in range(seeds):
        session = Session.start(scenario, seat, seed=seed, difficulty=level)
        run_game(session, player_bot(name, seat, seed))
        outcome = session.outcome
        assert outcome is not None
        scores.append(outcome.player.value)
        deals += outcome.agreement
        d = nash_distance(session)
        if d is not None:
            dists.append(d)
        par = nash_score(session.snapshot())
        if par is not None:
            pars.append(par)
    return {
        "seat": seat, "strategy": name, "difficulty": level, "games": seeds,
        "agreement_rate": round(deals / seeds, 4),
        "mean_score": round(sum(scores) / seeds, 4),
        "mean_nash_distance": round(sum(dists) / len(dists), 4) if dists else None,
        "par": round(sum(pars) / len(pars), 4) if pars else None,
    }


def show_progress(done: int, total: int, what: str) -> None:
    """One line on a terminal's standard error, redrawn in place (nothing when it is a file or
    a pipe: a script reading the output gets no noise)."""
    from game.scenario.controls import strip

    err = sys.__stderr__  # the terminal itself: the command's stderr strips the redrawing codes
    if err is None or not sys.stderr.isatty() or not err.isatty():
        return
    end = "\n" if done == total else ""
    err.write(f"\r\033[K{done}/{total} rows played ({strip(what)}){end}")
    err.flush()


def split_pars(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows with the issue's keys only, and the pars beside them: a par is the mean score
    the seat would have had had each game ended at the Nash point of its last round as played
    (None: no Nash point). Kept out of the rows so the rows' JSON keys stay as the issue set
    them."""
    keys = ("seat", "strategy", "difficulty")
    plain = [{k: v for k, v in r.items() if k != "par"} for r in rows]
    pars = [{**{k: r[k] for k in keys}, "nash_score": r["par"]} for r in rows]
    return plain, pars


def run(args: argparse.Namespace) -> int:
    from game.commands.output import load_scenario

    if args.seeds < 1:
        print(f"--seeds: {args.seeds} is not a positive number of games", file=sys.stderr)
        return 2
    scenario = load_scenario(args.path)
    if scenario is None:
        return 1
    levels = [d.id for d in scenario.difficulties]
    if args.difficulty is not None:
        if args.difficulty not in levels:
            print(f"{args.path}: unknown difficulty '{args.difficulty}'; choose one of: "
                  f"{', '.join(levels)}", file=sys.stderr)
            return 2
        levels = [args.difficulty]
    rows = play_rows(scenario, args.seeds, levels, show_progress)
    if args.json:
        plain, pars = split_pars(rows)
        print(json.dumps({"scenario": scenario.id, "rows": plain, "pars": pars}, indent=2))
        return 0
    print(f"Tournament on {scenario.id}: {args.seeds} games per seat, strategy and level.")
    print("| seat | strategy | difficulty | games | agreement | mean score | Nash distance "
          "| par |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        dist = "-" if r["mean_nash_distance"] is None else f"{r['mean_nash_distance']:.2f}"
        par = "-" if r["par"] is None else f"{r['par']:.2f}"
        print(f"| {r['seat']} | {r['strategy']} | {r['difficulty']} | {r['games']} | "
              f"{r['agreement_rate']:.0%} | {r['mean_score']:.2f} | {dist} | {par} |")
    print("Par: the seat's score had each game ended at the Nash point of its last round as "
          "played; a mean score near it is fair play against parties that hold out for their "
          "share of that point.")
    return 0
