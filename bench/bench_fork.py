"""The replay viewer's fork: from one step of a saved game, a new game in the same seat and in
another seat, as the viewer does it (its steps already built once when the viewer opened).

Run by hand: `python bench/bench_fork.py [REPEATS]`. Prints min and median milliseconds per fork
for one simulated game per bundled scenario (the party seat first listed, the `linear` strategy),
forked at its middle step.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench_saves import timed  # run as a script: bench/ is on the path

from game.debrief.steps import Steps
from game.engine.players import player_bot, run_game
from game.engine.session import Session
from game.files import bundled_paths, read_scenario
from game.saves import load_save, save_session


def main(repeats: int = 5) -> None:
    print("| scenario | player moves | fork, same seat (ms) | fork, other seat (ms) |")
    print("|---|---:|---:|---:|")
    for path in bundled_paths():
        scenario = read_scenario(path).scenario
        parties = [r for r in scenario.roles if r != "mediator"]
        role, other = parties[0], parties[1]
        session = Session.start(scenario, role, seed=1)
        run_game(session, player_bot("linear", role, 1))
        with tempfile.TemporaryDirectory() as folder:
            loaded = load_save(save_session(session, Path(folder) / "game.json"))
        steps = Steps(loaded.data)
        k = len(session.moves) // 2
        same = timed(lambda s=steps, k=k: s.fork(k, None), repeats)
        moved = timed(lambda s=steps, k=k, o=other: s.fork(k, o), repeats)
        print(f"| {scenario.id} | {len(session.moves)} | {same[0]:.1f} / {same[1]:.1f} | "
              f"{moved[0]:.1f} / {moved[1]:.1f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
