"""`redlines serve` capacity: N students connect within a few seconds; time to the first screen
(the title's "New game") for each, and memory per session process.

    python bench/bench_serve.py 20 40   # numbers of students, one run each

Each student is a websocket client speaking textual.js's protocol (aiohttp), with its own cookie.
"""

from __future__ import annotations

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
from tests.test_serve_class import Player, _is_game, _port  # noqa: E402


def rss_mb(saves: Path) -> list[float]:
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit() and _is_game(pid, saves):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out.append(int(line.split()[1]) / 1024)
    return out


async def student(url: str, delay: float) -> float:
    await asyncio.sleep(delay)
    start = time.monotonic()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as s:
        async with s.get(url + "/") as r:
            if r.status != 200:
                return float("nan")
        p = Player(s, url)
        p.ws = await s.ws_connect(f"{url}/ws?width=100&height=32", headers={"Origin": url})
        await p.wait_for("New game", timeout=120)
        took = time.monotonic() - start
        await asyncio.sleep(8)  # stay connected while the others arrive
        return took


def run(n: int) -> None:
    saves = Path(tempfile.mkdtemp())
    port = _port()
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port),
                             "--saves-dir", str(saves), "--max-games", str(n)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.2)

    async def all_students() -> tuple[list[float], list[float]]:
        tasks = [asyncio.create_task(student(url, 10 * k / n)) for k in range(n)]
        await asyncio.sleep(12)
        mem = rss_mb(saves)
        return await asyncio.gather(*tasks), mem

    try:
        times, mem = asyncio.run(all_students())
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    ok = [t for t in times if t == t]
    print(f"{n} students in 10 s: first screen median {statistics.median(ok):.1f} s, "
          f"max {max(ok):.1f} s, {len(ok)}/{n} served; RSS per session median "
          f"{statistics.median(mem):.0f} MB over {len(mem)} processes")


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["20"]:
        run(int(arg))
