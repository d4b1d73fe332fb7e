"""What the talk at a hosted table costs the host: building one seat's state (`seat_state`),
the part of it that is the signals, names, talk kinds and clock (`talk_fields`), and an
observer's state, on a table two bots played into round 3 of istanbul-2022 with the clock set.

Run by hand: `python bench/bench_talk.py [--calls N]`; figures in bench/RESULTS.md ("Talk at a
hosted table").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine.moves import EndRound, Message, Signal  # noqa: E402
from game.engine.players import player_bot  # noqa: E402
from game.files import resolve  # noqa: E402
from game.server.client import SeatView  # noqa: E402
from game.server.store import Store  # noqa: E402
from game.server.tables import Refused, Table  # noqa: E402
from game.server.watch import observer_state, talk_fields  # noqa: E402

SEATS = ("ukraine", "russia")


def _table(folder: Path) -> Table:
    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    store = Store(folder / "t.db")
    row = store.create_table("ACDEF", scenario.model_dump_json(), 3, "hard", None, SEATS)
    table = Table.restore(store, row)
    for seat in SEATS:
        table.join(seat, seat)
    table.start()
    table.set_clock(5)
    bots = {s: player_bot("linear", s, 1) for s in SEATS}
    assert table.session is not None
    while table.session.round < 3 and not table.finished:
        for seat, bot in bots.items():
            state = table.seat_state(seat)
            if state.get("finished") or not state["legal"]:
                continue
            table.play(seat, Signal(signal="ready"))
            table.play(seat, Message(to=SEATS[1 - SEATS.index(seat)], text="a word " * 20))
            try:
                table.play(seat, bot.move(SeatView(table.scenario, table.session.book, seat,
                                                   state)))  # type: ignore[arg-type]
            except Refused:
                table.play(seat, EndRound())
    return table


def _per_call(f: Callable[[], object], calls: int) -> tuple[float, float]:
    """Median and p99 of one call, in microseconds, over `calls` calls timed one by one."""
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1e6)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        table = _table(Path(folder))
        assert table.session is not None
        state = table.session.state
        print(f"round {state.round}, log {len(state.log)} events\n")
        print("| call | median us | p99 us |\n|---|---:|---:|")
        for name, f in (
            ("seat_state (a move's new state for one seat)",
             lambda: table.seat_state("ukraine", 10**6)),
            ("talk_fields (signals, people, talk, clock)",
             lambda: talk_fields(table, state, "ukraine")),
            ("observer_state (the public record)", lambda: observer_state(table, 10**6)),
        ):
            median, p99 = _per_call(f, args.calls)
            print(f"| {name} | {median:.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
