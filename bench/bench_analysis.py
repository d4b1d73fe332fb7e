"""Benchmark of `analyze` (issue 3): one command, printing a Markdown table.

    python bench/bench_analysis.py [--repeat N] [--no-negmas]

Domains are random but seeded (linear additive utilities, integer weights and 0-100 values, red
lines drawn at random and kept only if some package survives them). Each row gives our time,
plain numpy enumeration of the whole outcome space ("brute"), and negmas's Pareto frontier plus
Nash point where it applies (installed with `pip install negmas`, the `bench` extra; never a
dependency of the game). Frontier sizes are compared across methods in the same run.
"""

from __future__ import annotations

import argparse
import gc
import random
import subprocess
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.engine.analysis import Analysis, analyze  # noqa: E402
from game.engine.analysis.frontier import pareto_indices  # noqa: E402
from game.engine.analysis.plan import compile_plan  # noqa: E402
from game.engine.scoring import score_all  # noqa: E402
from game.engine.situation import Situation, situation_at  # noqa: E402
from game.files import bundled_paths, read_scenario  # noqa: E402
from game.scenario.models import Scenario  # noqa: E402

SRC = ["S1"]


def domain(n_issues: int, n_options: int, n_parties: int, n_lines: int, seed: int,
           common: int = 0) -> Situation:
    """A random scenario; the first `common` issues are valued alike by every party."""
    rng = random.Random(seed)
    issues = [{"id": f"i{i}", "title": f"Issue {i}", "sources": SRC,
               "options": [{"id": f"o{o}", "label": f"O{o}", "sources": SRC}
                           for o in range(n_options)]} for i in range(n_issues)]
    shared = [[rng.randint(0, 100) for _ in range(n_options)] for _ in range(common)]
    parties = []
    for p in range(n_parties):
        values = {f"i{i}": {f"o{o}": (shared[i][o] if i < common else rng.randint(0, 100))
                            for o in range(n_options)} for i in range(n_issues)}
        parties.append({
            "id": f"p{p}", "name": f"Party {p}", "brief": "b", "sources": SRC,
            "weights": {f"i{i}": rng.randint(1, 10) for i in range(n_issues)},
            "values": values, "reservation": 0.5, "red_lines": [],
        })
    lines = 0
    while lines < n_lines:
        p = parties[lines % n_parties]
        a, b = rng.sample(range(n_issues), 2)
        line: dict[str, Any] = {"id": f"r{lines}", "text": f"Line {lines}", "sources": SRC}
        if rng.random() < 0.3:
            line["forbid"] = {"issue": f"i{a}", "options": [f"o{rng.randrange(n_options)}"]}
        else:
            line["when"] = {"issue": f"i{a}", "options": [f"o{rng.randrange(n_options)}"]}
            line["then"] = {"issue": f"i{b}",
                            "options": [f"o{o}" for o in rng.sample(range(n_options), 2)]}
        p["red_lines"].append(line)
        lines += 1
    data = {
        "id": "bench", "title": "Bench", "period": "now", "summary": "s",
        "sources": [{"id": "S1", "title": "t", "date": "d", "kind": "news", "perspective": "p"}],
        "issues": issues, "parties": parties,
        "rounds": [{"id": "r1", "title": "R", "date": "d",
                    "briefing": [{"text": "x", "sources": SRC}]}],
        "roles": ["p0"],
    }
    return situation_at(Scenario.model_validate(data), 1)


def uncached(situation: Situation) -> Analysis:
    """`analyze` without the answer the situation keeps from an earlier call (we time the work)."""
    situation.memo.clear()
    return analyze(situation)


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    out, best = None, float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def brute(situation: Situation, chunk: int = 1 << 20) -> tuple[int, int, int]:
    """Plain numpy enumeration in chunks: (feasible, zone, frontier size)."""
    plan = compile_plan(situation)
    sizes = [len(o) for o in situation.option_ids]
    rules = [r for p in situation.table for r in p.rules]
    contrib = [np.zeros((s, plan.parties), dtype=plan.dtype) for s in sizes]
    for t, issue in enumerate(plan.order):
        contrib[issue] = plan.contrib[t]
    total = int(np.prod(sizes, dtype=np.float64))
    feasible = zone = 0
    front = np.zeros((0, plan.parties), dtype=plan.dtype)
    for start in range(0, total, chunk):
        idx = np.arange(start, min(total, start + chunk), dtype=np.int64)
        opts = []
        for s in reversed(sizes):
            opts.append(idx % s)
            idx = idx // s
        opts.reverse()
        utils = sum(c[o] for c, o in zip(contrib, opts, strict=True))
        ok = np.ones(len(opts[0]), dtype=bool)
        for r in rules:
            broken = np.ones_like(ok)
            for i, allowed in r.literals:
                broken &= np.isin(opts[i], list(allowed))
            ok &= ~broken
        utils = utils[ok]
        feasible += len(utils)
        zone += int((utils >= plan.need).all(axis=1).sum())
        cand = np.concatenate([front, utils])
        front = cand[pareto_indices(cand)]
    return feasible, zone, len(front)


def negmas_frontier(situation: Situation) -> tuple[float, int] | None:
    """negmas's Pareto frontier and Nash point on the same domain, or None if not installed."""
    try:
        from negmas.outcomes import make_issue, make_os
        from negmas.preferences import LinearAdditiveUtilityFunction as Linear
        from negmas.preferences.ops import nash_points, pareto_frontier
    except ImportError:
        return None
    issues = [make_issue(list(opts), name=iid)
              for iid, opts in zip(situation.issue_ids, situation.option_ids, strict=True)]
    space = make_os(issues)
    ufuns = []
    for party in situation.table:
        values = {iid: {o: party.values[i][k] for k, o in enumerate(situation.option_ids[i])}
                  for i, iid in enumerate(situation.issue_ids)}
        ufuns.append(Linear(values=values,
                            weights=dict(zip(situation.issue_ids, party.weights, strict=True)),
                            outcome_space=space))
    t = time.perf_counter()
    front, _ = pareto_frontier(ufuns, issues=issues, sort_by_welfare=True)
    nash_points(ufuns, front, outcome_space=space)
    return time.perf_counter() - t, len(front)


def peak_memory(fn: Callable[[], Any]) -> float:
    """Peak traced allocation in MB (numpy arrays included)."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def row(name: str, situation: Situation, repeat: int, do_brute: bool, do_negmas: bool,
        rows: list[list[str]]) -> Analysis:
    ours, a = best_time(lambda: uncached(situation), repeat)
    b_time = n_time = None
    check = "-"
    if do_brute:
        b_time, (feas, zone, front) = best_time(lambda: brute(situation), 1)
        same = (feas, zone, front) == (a.feasible, a.zopa, len(a.pareto))
        check = "same" if same else f"DIFFER brute {feas}/{zone}/{front}"
    if do_negmas:
        got = negmas_frontier(situation)
        if got is not None:
            n_time, n_front = got
            check += f"; negmas {n_front}"
    zone = f"{a.zopa:,}" + ("" if a.exact else " (est.)")
    rows.append([
        name, f"{a.outcomes:.2e}", f"{a.feasible:,}", zone, f"{len(a.pareto):,}",
        f"{ours:.4f}",
        f"{b_time:.3f}" if b_time else "-", f"{b_time / ours:.0f}x" if b_time else "-",
        f"{n_time:.2f}" if n_time else "-", f"{n_time / ours:.0f}x" if n_time else "-", check,
    ])
    return a


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-negmas", action="store_true")
    args = parser.parse_args()
    rss = fresh_rss()  # first: Linux carries a parent's peak RSS into a child's ru_maxrss
    rows: list[list[str]] = [["domain", "outcomes", "feasible", "zone", "frontier", "ours s",
                              "brute s", "vs brute", "negmas s", "vs negmas", "check"]]
    for path in bundled_paths():
        scenario = read_scenario(path).scenario
        assert scenario is not None
        rounds = [situation_at(scenario, r) for r in range(len(scenario.rounds) + 1)]
        times = [best_time(lambda s=s: uncached(s), 3)[0] for s in rounds]
        worst = times.index(max(times))
        row(f"{path.stem} (slowest round: {worst})", rounds[worst], args.repeat,
            True, False, rows)
    neg = not args.no_negmas
    row("4p 6x10, no red lines", domain(6, 10, 4, 0, seed=1), args.repeat, True, neg, rows)
    row("4p 6x10, 10 red lines", domain(6, 10, 4, 10, seed=2), args.repeat, True, False, rows)
    big = domain(12, 4, 4, 10, seed=3)
    row("4p 12x4, 10 red lines", big, args.repeat, True, False, rows)
    huge = domain(20, 4, 4, 10, seed=4, common=16)
    row("4p 20x4, 10 red lines, 16 common-interest issues", huge, 1, False, False, rows)
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    for k, r in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    mem = peak_memory(lambda: uncached(big))
    print(f"\n4p 12x4 with 10 red lines: peak traced memory of analyze {mem:.0f} MB; "
          f"max RSS of a fresh process that only builds and analyses it {rss:.0f} MB")
    sit = domain(6, 10, 4, 10, seed=2)
    pkg = tuple(0 for _ in sit.issue_ids)
    per_call = min(timeit.repeat(lambda: score_all(sit, pkg), number=2000, repeat=7)) / 2000
    print(f"score_all, one package, 4 parties x 6 issues, 10 red lines: "
          f"{per_call * 1e6:.1f} us per call (best of 7 x 2000)")
    return 0


def fresh_rss() -> float:
    """Max resident memory (MB) of a new interpreter that analyses the 12x4 domain."""
    code = ("import resource, sys; sys.path.insert(0, 'bench'); "
            "from bench_analysis import domain; from game.engine.analysis import analyze; "
            "analyze(domain(12, 4, 4, 10, seed=3)); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         check=True)
    return int(out.stdout.split()[-1]) / 1e3


if __name__ == "__main__":
    raise SystemExit(main())
