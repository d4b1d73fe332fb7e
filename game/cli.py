"""The `redlines` command: parse arguments, hand over to one command module, return its exit code.

Each subcommand lives in `game/commands/<name>.py` with `register(subparsers)` and `run(args)`.
Modules import only argparse at load time, so `redlines validate` never pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

INTERNAL_ERROR = 70  # EX_SOFTWARE: distinct from 1 (invalid input) and 2 (usage)

COMMANDS = (
    "play", "scenarios", "validate", "schema", "analyze", "score", "simulate", "replay", "serve",
    "new_scenario", "host", "join", "bot", "console", "export",
    "teach", "packet", "tournament",
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
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list = ["play", *args_list]  # `redlines --seed 3` means `redlines play --seed 3`
    args = parser.parse_args(args_list)
    module = importlib.import_module(f"game.commands.{args.command.replace('-', '_')}")
    try:
        if _prints_text(args):
            from game.commands.output import safe_streams

            with safe_streams():
                return int(module.run(args) or 0)
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # a bug, not bad input: still no traceback unless asked for
        if os.environ.get("REDLINES_DEBUG"):
            raise
        print(
            f"redlines {args.command}: internal error: {type(err).__name__}: {err}\n"
            "Please report it; set REDLINES_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _prints_text(args: argparse.Namespace) -> bool:
    """Commands whose output is text (stripped of control characters); not the TUI's."""
    if args.command in ("play", "serve", "console"):
        return False
    return not (args.command == "replay" and getattr(args, "format", None) is None)
