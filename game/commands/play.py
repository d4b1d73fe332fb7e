"""`redlines play`: not built yet (owned by its issue)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("play", help="(not built yet)")


def run(args: argparse.Namespace) -> int:
    print("redlines play: not built yet", file=sys.stderr)
    return 2
