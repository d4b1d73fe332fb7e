"""A class on one machine: `redlines host` with N tables of 4 seats (ukraine, russia, nato,
mediator) and 4N bots, all played to the end. Measures the time from a move being sent to every
other seat at its table receiving the state that includes it (median, p99), the host's peak
memory, the moves played, and checks nothing was lost (every table finished; the plays stored
equal the plays the host reports).

    python bench/bench_class.py [TABLES] [THINK_SECONDS]

The bots run in this one process (asyncio), the host in a subprocess, both on this machine.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

from game.server.client import play

PROFILE = ["-m", "cProfile", "-o", os.environ["BENCH_PROFILE"]] \
    if os.environ.get("BENCH_PROFILE") else []
"""BENCH_PROFILE=FILE profiles the host (python -m pstats FILE)."""
SEATS = ("ukraine", "russia", "nato", "mediator")
STRATEGIES = {"ukraine": "linear", "russia": "boulware", "nato": "conceder",
              "mediator": "linear"}


def main() -> None:
    tables = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    think = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "class.db"
        host = subprocess.Popen(
            [sys.executable, *PROFILE, "-m", "game", "host", "--scenario", "istanbul-2022",
             "--tables", str(tables), "--seats", ",".join(SEATS), "--port", "0",
             "--db", str(db), "--json", "--start-when-full"],
            stdout=subprocess.PIPE, text=True)
        assert host.stdout is not None
        info = json.loads(host.stdout.readline())
        started = time.monotonic()
        sent: dict[tuple[str, str, int], float] = {}
        acked: dict[tuple[str, str, int], int] = {}
        seen: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)

        def observer(code: str, seat: str):  # type: ignore[no-untyped-def]
            def see(t: float, data: dict[str, Any]) -> None:
                if data["type"] == "sent":
                    sent[(code, seat, data["id"])] = t
                elif data["type"] == "state" and "moves" in data["state"]:
                    seen[(code, seat)].append((t, data["state"]["moves"]))
                    if data.get("ack"):
                        acked[(code, seat, data["ack"])] = data["state"]["moves"]
            return see

        async def everyone() -> list[Any]:
            jobs = [play(info["url"], t["code"], seat, STRATEGIES[seat], name=seat, seed=i,
                         think=think, observe=observer(t["code"], seat))
                    for i, t in enumerate(info["tables"]) for seat in SEATS]
            return await asyncio.gather(*jobs)

        results = asyncio.run(everyone())
        elapsed = time.monotonic() - started
        req = urllib.request.Request(info["url"] + "/api/tables", headers={
            "Authorization": f"Bearer {info['instructor_token']}"})
        with urllib.request.urlopen(req) as answer:
            summary = json.loads(answer.read())
        status = Path(f"/proc/{host.pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        host.send_signal(signal.SIGTERM)
        code = host.wait(30)
        with sqlite3.connect(db) as con:
            stored = dict(con.execute("SELECT t.code, COUNT(*) FROM plays p JOIN tables t "
                                      "ON t.id = p.table_id GROUP BY t.code").fetchall())
    lat = []
    for (tcode, seat, ident), t0 in sent.items():
        moves = acked.get((tcode, seat, ident))
        if moves is None:
            continue  # refused: nobody else hears of it
        for other in SEATS:
            if other == seat:
                continue
            hit = next((t for t, m in seen[(tcode, other)] if m >= moves and t >= t0), None)
            if hit is not None:
                lat.append((hit - t0) * 1000)
    lat.sort()
    finished = sum(1 for t in summary if t["finished"])
    lost = sum(1 for t in summary if stored.get(t["code"]) != t["plays"])
    print(f"tables {tables}, bots {4 * tables}, think {think}s: {elapsed:.1f}s wall, "
          f"{finished}/{tables} finished, bots ok {sum(r.finished for r in results)}, "
          f"tables with plays lost {lost}, host exit {code}")
    print(f"moves sent {len(sent)}, plays stored {sum(stored.values())}, "
          f"deals {sum(1 for t in summary if t['agreement'])}")
    print(f"move -> other seats: n={len(lat)} median {statistics.median(lat):.1f} ms, "
          f"p99 {lat[int(0.99 * (len(lat) - 1))]:.1f} ms, max {lat[-1]:.1f} ms")
    print(f"host peak memory: {peak.split(':')[1].strip()}")


if __name__ == "__main__":
    main()
