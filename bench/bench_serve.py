"""`redlines serve` capacity: N students connect within ten seconds; time to the first screen
(the title's "New game") for each, and memory per session process.

    python bench/bench_serve.py 20 40             # numbers of students, one run each
    python bench/bench_serve.py --no-fork 20 40   # each game process started from scratch
    python bench/bench_serve.py --game 20 40      # each student also starts a game

Each student is a websocket client speaking textual.js's protocol (aiohttp), with its own cookie.
Memory is read once every student has a first screen (all still connected): RSS counts pages a
forked process shares with its parent, PSS divides them among the sharers (the real cost).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.test_serve_class import Player, _is_game, _is_zygote, _port  # noqa: E402


def cpu_seconds(pid: int | str) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: str) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return fields["Rss"], fields["Pss"]


def sessions(saves: Path) -> tuple[list[tuple[float, float, float]],
                                   list[tuple[float, float, float]]]:
    """(RSS, PSS, CPU seconds) of the game processes, and of the zygote(s) they are forked
    from."""
    games, zygotes = [], []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if _is_game(pid, saves):
                games.append((*memory_mb(pid), cpu_seconds(pid)))
            elif _is_zygote(pid, saves):
                zygotes.append((*memory_mb(pid), cpu_seconds(pid)))
        except (OSError, KeyError):
            continue
    return games, zygotes


async def student(url: str, delay: float, done: asyncio.Event, game: bool
                  ) -> tuple[float, float]:
    """(seconds to the first screen, seconds from "To the table" to the table's footer)."""
    await asyncio.sleep(delay)
    start = time.monotonic()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        async with s.get(url + "/") as r:
            if r.status != 200:
                return float("nan"), float("nan")
        p = Player(s, url)
        p.ws = await s.ws_connect(f"{url}/ws?width=100&height=32", headers={"Origin": url})
        await p.wait_for("New game", timeout=180)
        took, table = time.monotonic() - start, float("nan")
        if game:
            await p.keys("n")
            await p.wait_for("Difficulty", timeout=180)
            await p.keys("s")
            await p.wait_for("To the table", timeout=180)
            begin = time.monotonic()
            await p.ws.send_json(["stdin", "\r"])
            await p.wait_for("End round", timeout=180)
            table = time.monotonic() - begin
        await done.wait()  # stay connected until memory is read
        return took, table


def run(n: int, fork: bool, game: bool) -> None:
    saves = Path(tempfile.mkdtemp())
    port = _port()
    extra = [] if fork else ["--no-fork"]
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port),
                             "--saves-dir", str(saves), "--max-games", str(n), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.2)
    time.sleep(3)  # the server's start, zygote included, before the class arrives
    load = os.getloadavg()[0]
    cpu: dict[str, float] = {}

    async def all_students() -> tuple[list[tuple[float, float]], tuple]:
        done = asyncio.Event()
        tasks = [asyncio.create_task(student(url, 10 * k / n, done, game)) for k in range(n)]
        while sum(1 for g in sessions(saves)[0]) < n and not all(t.done() for t in tasks):
            await asyncio.sleep(1)
        if game:  # every student at the table (or given up)
            while sum(1 for p in saves.glob("*/*.json")) < n and not all(
                    t.done() for t in tasks):
                await asyncio.sleep(1)
        await asyncio.sleep(2)
        mem = sessions(saves)
        cpu.update(server=cpu_seconds(proc.pid), bench=time.process_time())
        done.set()
        return await asyncio.gather(*tasks), mem

    try:
        results, (games, zygotes) = asyncio.run(all_students())
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    ok = [t for t, _ in results if t == t]
    tables = [t for _, t in results if t == t]
    started = (f"; game start median {statistics.median(tables):.1f} s, max {max(tables):.1f} s"
               if tables else "")
    rss = statistics.median(g[0] for g in games) if games else float("nan")
    pss = statistics.median(g[1] for g in games) if games else float("nan")
    parent = f"; zygote RSS {zygotes[0][0]:.0f} MB" if zygotes else ""
    spent = (f"; CPU s: games {sum(g[2] for g in games):.1f} (median "
             f"{statistics.median(g[2] for g in games):.2f}), server {cpu['server']:.1f}, "
             f"clients {cpu['bench']:.1f}") if games else ""
    print(f"{'fork' if fork else 'no-fork'}: {n} students in 10 s (load before {load:.1f}): "
          f"first screen median {statistics.median(ok):.1f} s, max {max(ok):.1f} s, "
          f"{len(ok)}/{n} served; per session median RSS {rss:.0f} MB, PSS {pss:.0f} MB over "
          f"{len(games)} processes{parent}{started}{spent}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-fork", action="store_true")
    parser.add_argument("--game", action="store_true", help="each student also starts a game")
    parser.add_argument("students", nargs="*", type=int, default=[20])
    cli = parser.parse_args()
    for count in cli.students:
        run(count, not cli.no_fork, cli.game)
