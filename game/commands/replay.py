"""`redlines replay SAVE... [--format md|html|json|csv] [--out FILE]`: a saved session.

With no --format and one save: the replay viewer in the terminal. With --format: the debrief of
one save, or the class view of several saves (or folders of saves), grouped by scenario; `csv`
is the class's results, one row per game, for a gradebook.
Exit 1 for an unreadable save, naming the file and the problem; the save is never written to.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay", help="replay a saved session, or export its debrief", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("saves", nargs="+", metavar="SAVE", help="save files, or folders of them")
    p.add_argument("--format", choices=("md", "html", "json", "csv"),
                   help="export the debrief instead of opening the viewer")
    p.add_argument("--out", metavar="FILE", help="write the export here (default: stdout); never "
                   "over one of the saves read, nor over another save without --force")
    p.add_argument("--force", action="store_true", help="let --out replace an existing save")


def expand(raw: list[str]) -> list[Path]:
    out: list[Path] = []
    for item in raw:
        path = Path(item)
        if path.is_dir():
            out.extend(p for p in sorted(path.glob("*.json")) if not p.name.startswith("."))
        else:
            out.append(path)
    return out


def run(args: argparse.Namespace) -> int:
    from game.saves import SaveError, load_save

    paths = expand(args.saves)
    if not paths:
        print(f"redlines replay: no save files in {', '.join(args.saves)}", file=sys.stderr)
        return 1
    if args.format is None and (len(paths) > 1 or args.out):
        print("redlines replay: several saves or --out need --format md|html|json|csv",
              file=sys.stderr)
        return 2
    if args.out:
        from game.commands.output import check_target

        problem = check_target(Path(args.out), paths, force=args.force)
        if problem:  # said before the work, and the save is never touched
            print(f"redlines replay: {problem}", file=sys.stderr)
            return 1
    loaded = []
    for p in paths:
        try:
            loaded.append(load_save(p))
        except SaveError as err:
            if len(paths) == 1 or args.format is None:
                print(f"redlines replay: {err}", file=sys.stderr)
                return 1
            # In a class view one bad save is skipped with its reason; the others still count.
            print(f"redlines replay: skipped {err}", file=sys.stderr)
    if not loaded:
        print("redlines replay: no save could be read", file=sys.stderr)
        return 1
    if args.format is None:
        return _viewer(paths[0])
    return _export(loaded, args.format, args.out, paths, args.force)


def _export(loaded: list, fmt: str, out: str | None, inputs: list[Path], force: bool) -> int:
    from game.commands.output import write_text
    from game.debrief import RenderError, build, render
    from game.saves import SaveError, minutes_played

    try:
        debriefs = [build(s.session(), minutes_played(s.data)) for s in loaded]
        text = render(debriefs, fmt)
    except (SaveError, RenderError) as err:
        print(f"redlines replay: {err}", file=sys.stderr)
        return 1
    if out is None:
        sys.stdout.write(text)
        return 0
    return 0 if write_text("replay", Path(out), text, inputs, force=force) else 1


def _viewer(path: Path) -> int:
    """The TUI viewer, through the game's app (Textual imported only here)."""
    from game.commands.output import no_terminal

    problem = no_terminal("replay")
    if problem:
        print(f"{problem}; or give --format", file=sys.stderr)
        return 2
    from game.tui.app import RedLinesApp

    RedLinesApp(replay_path=path).run()
    return 0
