"""What the instructor's console costs the server: the overview it polls once a second, the CSV
of results by student and the class debrief, for N tables of istanbul-2022 in play (four seats,
each table started with its students and played by bots to the middle of the talks, and half of
them to the end).

    python bench/bench_console.py [TABLES] [REPEATS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from game.engine.moves import EndRound
from game.engine.players import player_bot
from game.files import resolve
from game.server.classroom import ClassHub
from game.server.client import SeatView
from game.server.console_api import overview
from game.server.results import class_debrief, games, results_by_student
from game.server.store import Store
from game.server.tables import Table, _scenario_book

SEATS = ("ukraine", "russia", "nato", "mediator")


def _play(table: Table, rounds: int) -> None:
    """Bots at every seat until `rounds` rounds have closed (or the talks are over)."""
    assert table.session is not None
    bots = {s: player_bot("linear", s, k) for k, s in enumerate(SEATS)}
    book = _scenario_book(table.row.scenario)[1]
    for _ in range(400):
        s = table.session
        if s.finished or s.round > rounds:
            return
        moved = False
        for seat in SEATS:
            state = table.seat_state(seat)
            if state.get("legal") and not table.finished:
                move = bots[seat].move(SeatView(table.scenario, book, seat, state))  # type: ignore[arg-type]
                try:
                    table.play(seat, move)
                except Exception:
                    table.play(seat, EndRound())
                moved = True
        if not moved:
            return


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "b.db")
        for k in range(n):
            store.create_table(f"T{k:04d}"[:5], scenario.model_dump_json(), k, "hard",
                               scenario.mediators[0].id, SEATS)
        tables = [Table.restore(store, r) for r in store.tables()]
        for k, t in enumerate(tables):
            for seat in SEATS:
                t.join(seat, f"student {k}-{seat}")
            t.start()
            _play(t, 99 if k % 2 else 2)
        hub = ClassHub(tables, "token")
        overview(hub)  # the frontier per scenario is computed once
        figures = {}
        for name, call in (
            ("overview (GET /api/console)", lambda: overview(hub)),
            ("results by student (CSV)", lambda: results_by_student(tables, hub.control)),
        ):
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                call()
                times.append(time.perf_counter() - t0)
            figures[name] = (statistics.median(times), max(times))
        t0 = time.perf_counter()
        html = class_debrief(games(tables, hub.control), "html")
        debrief = time.perf_counter() - t0
    finished = sum(t.finished for t in tables)
    print(f"{n} tables ({finished} finished), {n * len(SEATS)} students")
    for name, (med, worst) in figures.items():
        print(f"  {name}: median {med * 1000:.1f} ms, max {worst * 1000:.1f} ms")
    print(f"  class debrief (HTML, {len(html or '') // 1024} KB): {debrief:.2f} s "
          "(off the event loop)")


if __name__ == "__main__":
    main()
