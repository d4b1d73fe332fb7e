"""`redlines replay`: not built yet (owned by its issue)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("replay", help="(not built yet)")


def run(args: argparse.Namespace) -> int:
    print("redlines replay: not built yet", file=sys.stderr)
    return 2
