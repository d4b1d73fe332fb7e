"""How long `redlines validate content/*.yaml` takes, and where the time goes.

Run by hand: `python bench/bench_cli.py [REPEATS]`; prints a table; figures go in bench/RESULTS.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = sorted(str(p) for p in (ROOT / "content").glob("*.yaml"))


def wall(cmd: list[str], repeats: int) -> list[float]:
    """Wall-clock seconds of each run of `cmd` (a fresh interpreter each time)."""
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)
        out.append(time.perf_counter() - start)
    return out


def in_process(repeats: int) -> tuple[float, float]:
    """Seconds to import the loader, and to parse + check every content file once (median)."""
    start = time.perf_counter()
    from game.files import read_scenario

    imported = time.perf_counter() - start
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for path in CONTENT:
            read_scenario(path)
        runs.append(time.perf_counter() - start)
    return imported, statistics.median(runs)


def compose_only(repeats: int, fast: bool) -> float:
    """Median seconds to compose every content file, with libyaml or PyYAML's pure parser."""
    from game.scenario.yamlsafe import compose, decode

    texts = [decode(Path(p).read_bytes()) for p in CONTENT]
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            compose(text, fast=fast)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    py = sys.executable
    rows = [
        ("python -c pass", wall([py, "-c", "pass"], repeats)),
        ("python -c 'import pydantic, yaml'", wall([py, "-c", "import pydantic, yaml"], repeats)),
        (f"redlines validate content/*.yaml ({len(CONTENT)} files)",
         wall([py, "-m", "game", "validate", *CONTENT], repeats)),
        ("redlines schema", wall([py, "-m", "game", "schema"], repeats)),
        ("redlines scenarios", wall([py, "-m", "game", "scenarios"], repeats)),
    ]
    print(f"{'command':<48} {'min s':>7} {'median s':>9} {'max s':>7}   ({repeats} runs)")
    for name, times in rows:
        print(f"{name:<48} {min(times):7.3f} {statistics.median(times):9.3f} {max(times):7.3f}")
    imported, parse = in_process(repeats)
    print(f"{'in process: import game.files (first, cold)':<48} {imported:7.3f}")
    print(f"{'in process: parse + check all content (median)':<48} {parse:7.3f}")
    for label, fast in (("libyaml", True), ("pure Python", False)):
        took = compose_only(repeats, fast)
        name = f"in process: compose all content, {label}"
        print(f"{name:<48} {took:7.3f}")


if __name__ == "__main__":
    main()
