"""`redlines console URL --token TOKEN [--out DIR]`: the instructor's console over every table
that `redlines host` serves at URL: each table live (round, clock, offers, who the round waits
for, the outcomes on one frontier chart), and keys to start, pause, advance, announce, assign,
hand a seat to the computer, end the session and export the class debrief and results. Without
--token the console asks for it."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("console", help="the instructor's console over hosted tables",
                       description=__doc__)
    p.add_argument("url", metavar="URL", help="the host's address, as redlines host printed it")
    p.add_argument("--token", metavar="TOKEN",
                   help="the instructor token redlines host printed (default: asked for)")
    p.add_argument("--out", metavar="DIR", default=".",
                   help="where the export writes class-debrief.html and "
                        "results-by-student.csv (default: this folder)")


def run(args: argparse.Namespace) -> int:
    import sys

    if not args.url.startswith(("http://", "https://")):
        print(f"redlines console: URL: '{args.url}' is not an http:// or https:// address "
              "(redlines host prints it)", file=sys.stderr)
        return 2
    from game.tui.console.app import ConsoleApp

    ConsoleApp(args.url, args.token, out=Path(args.out)).run()
    return 0
