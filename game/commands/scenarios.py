"""`redlines scenarios`: the bundled scenarios, one a line."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("scenarios", help="list the bundled scenarios", description=__doc__)


def run(args: argparse.Namespace) -> int:
    from game.files import bundled_paths, read_scenario

    rows = []
    for path in bundled_paths():
        parsed = read_scenario(path)
        s = parsed.scenario
        if s is None:
            rows.append((path.stem, f"(invalid: run `redlines validate {path}`)", "", "", ""))
            continue
        rows.append((s.id, s.title, s.period, f"{len(s.issues)} issues", ", ".join(s.roles)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)] if rows else []
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[4])
    if not rows:
        print("no bundled scenarios found")
    return 0
