"""`redlines export --db FILE --out DIR`: one save (format 3) per hosted table that has started,
named by its join code; `redlines replay` opens each, and a folder of them gives the class
view. Read-only on the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a save per hosted table (for replay and debrief)",
                       description=__doc__)
    p.add_argument("--db", required=True, metavar="FILE", help="the file `redlines host` used")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the saves")


def run(args: argparse.Namespace) -> int:
    from game.engine.records import IllegalMove
    from game.saves import save_session
    from game.server.store import Store, StoreError
    from game.server.tables import Table

    if not Path(args.db).is_file():
        print(f"redlines export: {args.db}: no such file", file=sys.stderr)
        return 1
    try:
        store = Store(args.db)
        rows = store.tables()
    except StoreError as err:
        print(f"redlines export: {err}", file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"redlines export: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return 1
    written = 0
    for row in rows:
        try:
            table = Table.restore(store, row)
        except IllegalMove as err:
            print(f"redlines export: table {row.code}: its moves do not replay: {err}",
                  file=sys.stderr)
            return 1
        if table.session is None:
            print(f"table {row.code}: not started, no save")
            continue
        path = save_session(table.session, out / f"{table.scenario.id}-{row.code}.json")
        state = "finished" if table.finished else f"round {table.session.round}"
        print(f"table {row.code}: {path} ({state})")
        written += 1
    print(f"{written} save(s) in {out}")
    return 0
