"""`redlines join URL [CODE] [--name NAME] [--seat SEAT]`: sit at a hosted table from a terminal
(without CODE the app asks for the code and a name: the browser page, `redlines serve --join`).

The table screen: build a package issue by issue (arrows; it starts from your own best), propose
it (`p`, or `n` with a note the others read), read the highlighted offer into your package (`c`),
accept it (`a`), end the round (`e`), signal you are ready (`r`) or would agree to the highlighted
offer (`g`), write a private message to another seat (`m`), offer a conditional trade ("if you
accept X, we accept Y": `f`) or answer one made to you (`y`), walk out (`w`). The round clock, when
the host set one, counts down in the status line. What it shows is the seat's own view, as the
host sends it; `--watch` shows the public record only."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("join", help="sit at a hosted table from this terminal",
                       description=__doc__)
    p.add_argument("url", metavar="URL", help="the host's address, e.g. http://10.0.0.5:8765")
    p.add_argument("code", metavar="CODE", nargs="?",
                   help="the table's join code (default: the app asks for it and a name)")
    p.add_argument("--name", default="", help="your name, for the teacher")
    p.add_argument("--seat", help="the seat you were given (default: the first free one)")
    p.add_argument("--forget", action="store_true",
                   help="keep no seat token on disk (the browser page: one machine, many "
                        "students)")
    p.add_argument("--watch", action="store_true",
                   help="watch the table as an observer: the public record, no seat, no moves")
    p.add_argument("--scenario", metavar="FILE",
                   help="the table's scenario file, when it is not a bundled one")


def run(args: argparse.Namespace) -> int:
    from game.commands.output import load_scenario

    scenario = load_scenario(args.scenario) if args.scenario else None
    if args.scenario and scenario is None:
        return 1
    from game.commands.output import no_terminal

    problem = no_terminal("join")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from game.tui.join import JoinApp

    JoinApp(args.url, args.code, name=args.name, seat=args.seat, scenario=scenario,
            keep_tokens=not args.forget, watch=args.watch).run()
    return 0
