"""`redlines teach PATH [--students N] [--format md|html] [--out FILE]`: the teaching note of a
scenario — learning objectives, run sheet, seating plan, answer key, debrief questions and what
happened. Exit 1 for an invalid scenario (every problem as PATH:LINE:COL: message) or an output
that cannot be written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.output import load_scenario


def students(text: str) -> int:
    """--students: a whole number from 1 to 1000."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= n <= 1000:
        raise argparse.ArgumentTypeError(f"{n} is out of range; give 1 to 1000")
    return n


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("teach", help="the teaching note of a scenario, with its answer key",
                       description=__doc__)
    p.add_argument("path", metavar="PATH", help="a scenario file, or the id of a bundled one")
    p.add_argument("--students", type=students, default=20, metavar="N",
                   help="class size for the seating plan (default 20)")
    p.add_argument("--format", choices=("md", "html"), default="md",
                   help="Markdown (default) or printable HTML")
    p.add_argument("--out", metavar="FILE", help="write the note here (default: stdout)")


def run(args: argparse.Namespace) -> int:
    from game.commands.output import write_text
    from game.teaching.doc import render
    from game.teaching.note import build_note

    scenario = load_scenario(args.path)
    if scenario is None:
        return 1
    text = render(build_note(scenario, args.students), args.format,
                  f"Teaching note: {scenario.title}")
    if args.out is None:
        sys.stdout.write(text)
        return 0
    return 0 if write_text("teach", Path(args.out), text) else 1
