"""The `redlines` command: parse arguments, hand over to one command module, return its exit code.

Each subcommand lives in `game/commands/<name>.py` with `register(subparsers)` and `run(args)`.
Modules import only argparse at load time, so `redlines validate` never pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = (
    "play", "scenarios", "validate", "schema", "analyze", "score", "simulate", "replay", "serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="redlines",
        description="Red Lines: negotiate the Russia-Ukraine war as Ukraine, Russia, NATO or a "
        "mediator. With no command, starts the game.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"game.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(args_list or ["play"])
    if args.command is None:
        args = parser.parse_args(["play", *args_list])
    module = importlib.import_module(f"game.commands.{args.command}")
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
