"""The counterparts' balance, from `redlines tournament`: per bundled scenario, difficulty and
strategy, the mean score over the seats, and the issue-13 targets checked.

Run by hand: `python bench/bench_tournament.py [--seeds N] [--load DIR]` (`--load` reads the
`*.json` files `redlines tournament PATH --json` wrote instead of playing again). Prints
Markdown; the figures go in bench/RESULTS.md under "Counterparts".
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.commands.tournament import play_rows  # noqa: E402
from game.files import bundled_paths, read_scenario  # noqa: E402

NAIVE = ("naive_ideal", "accept_first")


def tables(seeds: int, load: Path | None) -> list[dict[str, Any]]:
    if load is not None:  # one file per scenario, or per scenario and level: merged
        merged: dict[str, dict[str, Any]] = {}
        for path in sorted(load.glob("*.json")):
            doc = json.loads(path.read_text())
            merged.setdefault(doc["scenario"], {"scenario": doc["scenario"], "rows": []})
            for row, par in zip(doc["rows"], doc.get("pars", []), strict=False):
                row["par"] = par["nash_score"]  # the CLI gives the pars beside the rows
            merged[doc["scenario"]]["rows"].extend(doc["rows"])
        order = {"easy": 0, "normal": 1, "hard": 2}  # the default levels, in their order
        for doc in merged.values():
            doc["rows"].sort(key=lambda r: order.get(r["difficulty"], len(order)))
        return list(merged.values())
    out = []
    for path in bundled_paths():
        sc = read_scenario(path).scenario
        if sc is not None:
            out.append({"scenario": sc.id,
                        "rows": play_rows(sc, seeds, [d.id for d in sc.difficulties])})
    return out


def report(doc: dict[str, Any]) -> list[str]:
    rows = doc["rows"]
    levels = list(dict.fromkeys(r["difficulty"] for r in rows))
    names = list(dict.fromkeys(r["strategy"] for r in rows))
    mean: dict[tuple[str, str], float] = {}
    agree: dict[tuple[str, str], float] = {}
    for lv in levels:
        for n in names:
            these = [r for r in rows if r["difficulty"] == lv and r["strategy"] == n]
            mean[lv, n] = statistics.mean(r["mean_score"] for r in these)
            agree[lv, n] = statistics.mean(r["agreement_rate"] for r in these)
    games = rows[0]["games"]
    out = [f"**{doc['scenario']}** ({games} games per seat, strategy and level; mean over the "
           "seats: score, agreement rate)", "",
           "| strategy | " + " | ".join(levels) + " | hard - easy |",
           "|---|" + "---:|" * (len(levels) + 1)]
    for n in names:
        cells = [f"{mean[lv, n]:.2f} ({agree[lv, n]:.0%})" for lv in levels]
        gap = mean[levels[-1], n] - mean[levels[0], n]
        out.append(f"| {n} | " + " | ".join(cells) + f" | {gap:+.2f} |")
    worst_naive = defaultdict(float)
    best = defaultdict(float)
    for r in rows:
        key = (r["difficulty"], r["seat"])
        if r["strategy"] in NAIVE:
            worst_naive[key] = max(worst_naive[key], r["mean_score"])
        else:
            best[key] = max(best[key], r["mean_score"])
    out.append("")
    for lv in levels:
        seats = [k for k in best if k[0] == lv]
        naive = max((worst_naive[k] for k in seats if k in worst_naive), default=0.0)
        low = min(best[k] for k in seats)
        out.append(f"- {lv}: best naive score over the party seats {naive:.2f}; weakest seat's "
                   f"best strategy {low:.2f}")
    return out + [""] + seat_table(rows, levels)


def seat_table(rows: list[dict[str, Any]], levels: list[str]) -> list[str]:
    """Per seat: the naive strategies' mean scores at the middle and hardest levels, the best
    concession strategy at the hardest level (with its par: the score at the Nash point), and
    the mean easy - hard gap of the concession strategies (the issue's targets: naive < 0.35,
    best > 0.6, gap >= 0.15)."""
    if len(levels) < 2:
        return []
    easy, hard = levels[0], levels[-1]
    mid = levels[len(levels) // 2]
    score = {(r["seat"], r["strategy"], r["difficulty"]): r["mean_score"] for r in rows}
    par = {(r["seat"], r["strategy"], r["difficulty"]): r.get("par") for r in rows}
    seats = list(dict.fromkeys(r["seat"] for r in rows))
    names = [n for n in dict.fromkeys(r["strategy"] for r in rows) if n not in NAIVE]
    out = [f"| seat | accept_first {mid} / {hard} | naive_ideal {mid} / {hard} | "
           f"best at {hard} (par) | best at {easy} | {easy} - {hard} (mean of {len(names)}) |",
           "|---|---:|---:|---|---|---:|"]
    for seat in seats:
        naive = []
        for n in NAIVE:
            if (seat, n, hard) in score:
                naive.append(f"{score[seat, n, mid]:.2f} / {score[seat, n, hard]:.2f}")
            else:
                naive.append("-")
        b_hard = max(((score[seat, n, hard], n) for n in names), default=(0.0, "-"))
        b_easy = max(((score[seat, n, easy], n) for n in names), default=(0.0, "-"))
        gap = statistics.mean(score[seat, n, easy] - score[seat, n, hard] for n in names)
        p = par.get((seat, b_hard[1], hard))
        b_par = "" if p is None else f" ({p:.2f})"
        out.append(f"| {seat} | {naive[1]} | {naive[0]} | {b_hard[1]} {b_hard[0]:.2f}{b_par} | "
                   f"{b_easy[1]} {b_easy[0]:.2f} | {gap:+.2f} |")
    return out + [""]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--load", type=Path)
    args = ap.parse_args()
    for doc in tables(args.seeds, args.load):
        print("\n".join(report(doc)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
