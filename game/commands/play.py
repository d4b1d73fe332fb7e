"""`redlines play`: the game in the terminal. Textual is imported only inside `run`, so other
commands never pay for it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario.models import Scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play the game in the terminal (the default command)")
    p.add_argument("--scenario", metavar="ID_OR_PATH", help="bundled scenario id or a YAML file")
    p.add_argument("--role", help="the seat to preselect: a party, coalition id, or 'mediator'")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: 0)")
    p.add_argument("--difficulty", help="difficulty id to preselect (e.g. easy, normal, hard)")
    p.add_argument("--saves-dir", metavar="DIR", help="where games are saved (default: saves/)")
    p.add_argument("--name", help="your name, kept in your saves and the class results")


def check_choice(scenario: Scenario, role: str | None, difficulty: str | None) -> str | None:
    """A message naming the bad role or difficulty, or None when both are valid."""
    roles = list(scenario.roles)
    if role is not None and role not in roles:
        return f"scenario '{scenario.id}': no role '{role}'; roles: {', '.join(roles)}"
    levels = [d.id for d in scenario.difficulties]
    if difficulty is not None and difficulty not in levels:
        return (
            f"scenario '{scenario.id}': no difficulty '{difficulty}'; "
            f"levels: {', '.join(levels)}"
        )
    return None


def run(args: argparse.Namespace) -> int:
    scenario = None
    if args.scenario or args.role or args.difficulty:
        # Checked before the screen opens, so a bad choice is a message, not a broken game.
        # Plain `redlines` skips this: the new-game screen reads the bundled scenarios itself.
        from game.files import resolve

        parsed = resolve(args.scenario)
        if parsed.scenario is None:
            for report in parsed.reports:
                print(str(report), file=sys.stderr)
            return 1
        problem = check_choice(parsed.scenario, args.role, args.difficulty)
        if problem:
            print(f"redlines play: {problem}", file=sys.stderr)
            return 1
        scenario = parsed.scenario
    from game.commands.output import no_terminal

    problem = no_terminal("play")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from game.tui.app import RedLinesApp

    app = RedLinesApp(
        scenario=scenario,
        role=args.role,
        seed=args.seed,
        difficulty=args.difficulty,
        saves_dir=Path(args.saves_dir) if args.saves_dir else None,
        student=args.name.strip() or None if args.name else None,
    )
    app.run()
    if app.crash_note:
        print(app.crash_note, file=sys.stderr)
        return 1
    return 0
