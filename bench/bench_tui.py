"""Benchmarks of the terminal game (run by hand: `python bench/bench_tui.py`).

1. Start-up: from launching `redlines` in a real terminal (tmux, 120x40) to the title screen's
   menu on screen, polled with capture-pane every 5 ms. Target: under 0.6 s.
2. Key press in the package builder to the updated scorecard, in the real app under Pilot:
   from posting a ← / → key event to the app until the refresh after the scorecard shows the
   new figures (Pilot's own settling waits are left out). Target: under 50 ms.
   Also the scorecard's own work (scoring + markup), without Textual's redraw.
Prints a table; the figures go into bench/RESULTS.md by hand.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
PRESSES = 60


BARE = (
    "from textual.app import App\n"
    "from textual.widgets import Footer, OptionList, Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Static('R E D'); yield OptionList('Continue a saved game'); yield Footer()\n"
    "Bare().run()\n"
)


def startup_once(session: str, bare: bool = False) -> float:
    exe = Path(sys.executable).with_name("redlines")
    cmd = f"{sys.executable} -c \"{BARE}\"" if bare else \
        f"{exe} play --saves-dir /tmp/redlines-bench-saves"
    t0 = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    f"cd {ROOT} && {cmd}"], check=True)
    try:
        while time.perf_counter() - t0 < 10:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                    capture_output=True, text=True).stdout
            if "Continue a saved game" in screen:
                return time.perf_counter() - t0
            time.sleep(0.005)
        raise RuntimeError("the title screen never appeared")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def bench_startup(bare: bool = False) -> list[float]:
    """Start-up times; `bare` measures a three-widget Textual app the same way, for scale."""
    if shutil.which("tmux") is None:
        return []
    startup_once("rl-bench-warm", bare)  # warm the file cache
    return [startup_once(f"rl-bench-{k}", bare) for k in range(RUNS)]


async def bench_keys() -> tuple[list[float], list[float], list[float]]:
    from textual import events

    from game.files import resolve
    from game.tui.app import RedLinesApp
    from game.tui.builder import PackageBuilder, Scorecard, card_markup
    from game.tui.table import TableScreen
    from game.tui.view import scorecard

    scenario = resolve("istanbul-2022").scenario or resolve("tutorial").scenario
    app = RedLinesApp(scenario=scenario, role=scenario.roles[0], saves_dir="/tmp/rl-bench")
    ui: list[float] = []
    handled: list[float] = []
    pure: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen
        assert isinstance(table, TableScreen)
        card = table.query_one(Scorecard)
        builder = table.query_one(PackageBuilder)
        loop = asyncio.get_running_loop()
        for k in range(PRESSES):
            await pilot.pause()
            before = str(card.render())
            painted = loop.create_future()
            t0 = time.perf_counter()
            # the key goes to the focused builder as the terminal driver would send it
            app.post_message(events.Key("right" if k % 2 == 0 else "left", None))
            while str(card.render()) == before and time.perf_counter() - t0 < 1:
                await asyncio.sleep(0)
            handled.append(time.perf_counter() - t0)
            app.call_after_refresh(lambda f=painted: f.done() or f.set_result(None))
            await painted
            ui.append(time.perf_counter() - t0)
            if k % 6 == 5:
                await pilot.press("down")
        session = app.session
        for _ in range(PRESSES):
            t0 = time.perf_counter()
            card_markup(scorecard(session.situation, builder.package, session.role,
                                  table.stances))
            pure.append(time.perf_counter() - t0)
    return ui, handled, pure


def row(name: str, xs: list[float], target: str) -> str:
    if not xs:
        return f"| {name} | n/a (tmux missing) | | | | {target} |"
    ms = sorted(x * 1000 for x in xs)
    return (f"| {name} | {ms[0]:.1f} | {statistics.median(ms):.1f} | "
            f"{ms[int(0.9 * (len(ms) - 1))]:.1f} | {ms[-1]:.1f} | {target} |")


def main() -> None:
    start = bench_startup()
    bare = bench_startup(bare=True)
    ui, handled, pure = asyncio.run(bench_keys())
    print("| measure (ms) | min | median | p90 | max | target |")
    print("|---|---:|---:|---:|---:|---|")
    print(row(f"start `redlines` to title screen (tmux, {RUNS} runs)", start, "< 600"))
    print(row("a bare Textual app, same measure (scale)", bare, "-"))
    print(row(f"key in builder to updated scorecard (Pilot, {PRESSES} keys)", ui, "< 50"))
    print(row("key to scorecard content updated (before the repaint)", handled, "-"))
    print(row("scorecard scoring + markup only", pure, "-"))
    print(f"(load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
