"""`redlines packet PATH --role ROLE | --all DIR [--difficulty LEVEL] [--format html|md]
[--out FILE]`: printable role packets — general instructions, one seat's confidential
instructions, a score sheet, a glossary and the sources. `--all DIR` writes one file per role
into an existing folder. Exit 1 for an invalid scenario, an unknown role or level, or an output
that cannot be written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("packet", help="printable role packets for a class", description=__doc__)
    p.add_argument("path", metavar="PATH", help="a scenario file, or the id of a bundled one")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--role", metavar="ROLE", help="the seat whose packet to print")
    which.add_argument("--all", metavar="DIR", help="write every role's packet into DIR")
    p.add_argument("--difficulty", metavar="LEVEL",
                   help="what a seat knows of the others (default: the scenario's first level)")
    p.add_argument("--format", choices=("html", "md"), default="html",
                   help="printable HTML (default) or Markdown")
    p.add_argument("--out", metavar="FILE", help="with --role: write here (default: stdout)")


def run(args: argparse.Namespace) -> int:
    from game.commands.output import check_folder, load_scenario, write_text
    from game.teaching.doc import render
    from game.teaching.packet import build_packet, difficulty
    from game.teaching.parts import seat_name

    if args.all and args.out:
        print("redlines packet: --out goes with --role; --all writes into its folder",
              file=sys.stderr)
        return 2
    scenario = load_scenario(args.path)
    if scenario is None:
        return 1
    try:
        difficulty(scenario, args.difficulty)
        roles = scenario.roles if args.all else [args.role]
        texts = {
            role: render(build_packet(scenario, role, args.difficulty), args.format,
                         f"{scenario.title}: packet for {seat_name(scenario, role)}")
            for role in roles
        }
    except ValueError as err:
        print(f"redlines packet: {args.path}: {err}", file=sys.stderr)
        return 1
    if args.role:
        if args.out is None:
            sys.stdout.write(texts[args.role])
            return 0
        return 0 if write_text("packet", Path(args.out), texts[args.role]) else 1
    folder = Path(args.all)
    problem = check_folder(folder)
    if problem:
        print(f"redlines packet: {problem}", file=sys.stderr)
        return 1
    ok = all([write_text("packet", folder / f"{scenario.id}-{role}.{args.format}", text)
              for role, text in texts.items()])
    return 0 if ok else 1
