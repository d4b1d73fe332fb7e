"""`redlines simulate PATH --role ROLE [--seed N] [--out SAVE] [--strategy NAME]`: a whole game
with the player's seat taken by a built-in strategy and every other side by the computer; prints
the log and the player's score, and writes a save that `redlines replay` opens."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.events import Event
    from game.engine.session import Session

from game.engine.events import ANSWERS
from game.narrate import Narrator

STRATEGIES = ("boulware", "conceder", "linear", "tit_for_tat", "hardliner")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="play a whole game with the computer in every seat",
                       description=__doc__)
    p.add_argument("path", metavar="PATH", help="a scenario file, or the id of a bundled one")
    p.add_argument("--role", required=True, help="the seat the built-in strategy plays: a party "
                   "id, a coalition id, or 'mediator'")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    p.add_argument("--out", metavar="SAVE", help="save file to write (or a folder for a new one; "
                   "default: a new file in the saves folder)")
    p.add_argument("--strategy", default="linear", choices=STRATEGIES,
                   help="how the built-in player plays (default linear)")
    p.add_argument("--difficulty", metavar="LEVEL", help="one of the scenario's levels")
    p.add_argument("--mediator", metavar="ID", help="which mediator, when --role mediator")
    p.add_argument("--quiet", action="store_true", help="print only the outcome and the save")
    p.add_argument("--force", action="store_true", help="let --out replace an existing file")


def run(args: argparse.Namespace) -> int:
    from game.commands.output import load_scenario
    from game.engine.players import player_bot, run_game
    from game.engine.session import IllegalMove, Session

    if args.out is not None and not Path(args.out).is_dir():
        from game.commands.output import check_target

        problem = check_target(Path(args.out), force=args.force)
        if problem is None and Path(args.out).exists() and not args.force:
            problem = f"{args.out} exists; pick another name, or add --force to replace it"
        if problem:  # said before the game is played, not after
            print(f"redlines simulate: {problem}", file=sys.stderr)
            return 1
    scenario = load_scenario(args.path)
    if scenario is None:
        return 1
    try:
        session = Session.start(scenario, args.role, seed=args.seed,
                                difficulty=args.difficulty, mediator=args.mediator)
    except IllegalMove as err:
        print(f"{args.path}: {err}", file=sys.stderr)
        return 2
    run_game(session, player_bot(args.strategy, args.role, args.seed))
    if not args.quiet:
        narrator = Narrator(scenario, session.mediator)
        for entry in session.log:
            print("\n".join(render(entry, narrator)))
    outcome = session.outcome
    assert outcome is not None
    print("Agreement." if outcome.agreement else "No agreement.")
    for line in outcome.player.explanation:
        print(f"  {line}")
    try:
        path = write_save(session, args.out)
    except OSError as err:
        print(f"{args.out}: cannot write the save: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"Saved to {path}")
    return 0


def render(entry: Event, narrator: Narrator) -> list[str]:
    """One log entry as text: the briefing under its round, sources after answers."""
    line = f"[round {entry.round}] {narrator.line(entry)}"
    if entry.kind == "round_start":
        return [line] + [f"    - {r.text}" + _cite(r.sources) for r in entry.reasons]
    inline = entry.kind in ANSWERS  # an answer's line already cites the red lines it names
    sources = sorted({s for r in entry.reasons if not (inline and r.red_line) for s in r.sources})
    out = [line + _cite(sources)]
    if entry.kind in ("offer", "draft") and entry.package:
        out.append("    " + ", ".join(f"{i}={o}" for i, o in entry.package.items()))
    return out


def _cite(sources: list[str]) -> str:
    return f" ({', '.join(sources)})" if sources else ""

def write_save(session: Session, out: str | None) -> Path:
    """Write the save through game.saves (atomic, versioned)."""
    from game.saves import default_saves_dir, save_session

    if out is None:
        folder = default_saves_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return save_session(session, folder)
    return save_session(session, out)
