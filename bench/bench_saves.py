"""Saves and debriefs: cost per move of an atomic save, loading (parse + replay), exports.

Run by hand: `python bench/bench_saves.py [REPEATS]`. Prints a Markdown table (min and median
milliseconds) for one simulated game per bundled scenario, played by the `linear` strategy.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from game.debrief import build, render
from game.debrief.steps import Steps
from game.engine.players import player_bot
from game.engine.session import Session
from game.files import bundled_paths, read_scenario
from game.saves import load_save, save_session
from game.scenario.models import Scenario


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return min(runs), statistics.median(runs)


def row(scenario: Scenario, repeats: int) -> list[str]:
    """One simulated game of the scenario, measured."""
    role = next(r for r in scenario.roles if r != "mediator")
    session = Session.start(scenario, role, seed=1)
    bot = player_bot("linear", role, 1)
    while not session.finished:
        session.play(bot.move(session))
    with tempfile.TemporaryDirectory() as tmp:
        file = save_session(session, Path(tmp))
        save = timed(lambda: save_session(session, file), repeats)
        load = timed(lambda: load_save(file).session(), repeats)
        loaded = load_save(file)
        debrief = build(session)
        mid = len(loaded.data.moves) // 2
        steps = Steps(loaded.data)
        return [
            scenario.id, str(len(session.moves)), str(len(session.log)),
            f"{file.stat().st_size / 1024:.0f}", f"{save[0]:.1f}", f"{load[0]:.1f}",
            f"{timed(lambda: build(session), repeats)[0]:.1f}",
            *[f"{timed(lambda f=f: render(debrief, f), repeats)[0]:.1f}"
              for f in ("md", "html", "json")],
            f"{timed(lambda: Steps(loaded.data), repeats)[0]:.1f}",
            f"{timed(lambda: steps.view(mid), repeats)[0]:.1f}",
        ]


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print("| scenario | moves | log entries | save KB | save ms | load+replay ms | "
          "debrief ms | md ms | html ms | json ms | viewer open ms | viewer step ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for path in bundled_paths():
        scenario = read_scenario(path).scenario
        if scenario is not None:
            print("| " + " | ".join(row(scenario, repeats)) + " |")


if __name__ == "__main__":
    main()
