"""`redlines validate PATH...`: every problem as PATH:LINE:COL: message; exit 1 if any.

Warnings (`PATH:LINE:COL: warning: message`) are printed with the errors, in line order, but never
make a file invalid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check scenario files", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders of them")


def _expand(paths: list[str]) -> list[Path]:
    """Files as given, and the .yaml/.yml files of folders (a folder with none stays itself)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")]) if path.is_dir() else []
        out.extend(found or [path])
    return out


def run(args: argparse.Namespace) -> int:
    from game.files import read_scenario
    from game.scenario import Parsed, Report

    files = _expand(args.paths)
    bad = problems = warned = 0
    for path in files:
        if path.is_dir():
            parsed = Parsed(None, [Report(str(path), 1, 1, "a folder with no .yaml files in it")])
        else:
            parsed = read_scenario(path)
        for report in sorted([*parsed.reports, *parsed.warnings], key=lambda r: (r.line, r.col)):
            print(report)
        warned += len(parsed.warnings)
        if parsed.reports:
            bad += 1
            problems += len(parsed.reports)
        else:
            assert parsed.scenario is not None
            print(f"{path}: ok ({parsed.scenario.title})", file=sys.stderr)
    also = f", {warned} warning(s)" if warned else ""
    print(
        f"{len(files)} file(s) checked, {bad} invalid, {problems} problem(s){also}",
        file=sys.stderr,
    )
    return 1 if bad else 0
