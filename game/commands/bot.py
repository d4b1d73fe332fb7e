"""`redlines bot URL CODE --seat SEAT --strategy NAME [--transcript FILE]`: play one seat of a
hosted table with a built-in strategy (for tests, load tests, and filling a seat from another
machine). Every message received goes to the transcript as one JSON line. Exits 0 when the
table ends, 1 when it cannot join or loses the server for good."""

from __future__ import annotations

import argparse
import sys

STRATEGIES = ("boulware", "conceder", "linear", "tit_for_tat", "hardliner")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bot", help="play one seat of a hosted table with a built-in strategy",
                       description=__doc__)
    p.add_argument("url", metavar="URL", help="the host's address, e.g. http://127.0.0.1:8765")
    p.add_argument("code", metavar="CODE", help="the table's join code")
    p.add_argument("--seat", required=True, help="the seat to take (a party, coalition or "
                   "'mediator' the table offers)")
    p.add_argument("--strategy", default="linear", choices=STRATEGIES,
                   help="how the bot plays (default linear)")
    p.add_argument("--transcript", metavar="FILE", help="write every message received here")
    p.add_argument("--name", default="", help="the name the host shows (default: the seat)")
    p.add_argument("--scenario", metavar="FILE",
                   help="the table's scenario file, when it is not a bundled one")
    p.add_argument("--think", type=float, default=0.0, metavar="SECONDS",
                   help="pause before each move (default 0)")
    p.add_argument("--retry", type=float, default=30.0, metavar="SECONDS",
                   help="how long to try coming back after the server goes away (default 30)")


def run(args: argparse.Namespace) -> int:
    import asyncio

    from game.commands.output import load_scenario
    from game.server.client import play

    scenario = load_scenario(args.scenario) if args.scenario else None
    if args.scenario and scenario is None:
        return 1
    transcript = None
    if args.transcript:
        try:
            transcript = open(args.transcript, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as err:
            print(f"redlines bot: cannot write {args.transcript}: {err.strerror or err}",
                  file=sys.stderr)
            return 1
    try:
        result = asyncio.run(play(args.url, args.code.upper(), args.seat, args.strategy,
                                  scenario=scenario, transcript=transcript,
                                  name=args.name or args.seat, retry=args.retry,
                                  think=args.think))
    finally:
        if transcript is not None:
            transcript.close()
    if not result.finished:
        print(f"redlines bot: {result.message}", file=sys.stderr)
        return 1
    print(f"redlines bot: table {args.code.upper()} ended; {result.moves} moves sent")
    return 0
