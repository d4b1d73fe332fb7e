"""`redlines host --scenario ID_OR_PATH [--tables N] [--port P] [--db FILE] [--start-when-full]
[--json]`: tables that several students (or bots) join over the network, each holding one seat.
A table starts when the instructor starts it (`redlines console`), or with `--start-when-full`
as soon as every seat is taken.

The tables and every move live in the `--db` file (SQLite): run the same command on the same
file after a crash and every table continues where it stood. A new file gets `--tables` new
tables of the scenario; a file that holds tables serves those. Listens on loopback unless
`--host` names another address. `--json` prints one line first:
`{"url", "instructor_token", "tables": [{"code", "scenario", "seats"}]}`. SIGINT or SIGTERM stops
the server (exit 0). `--clock MINUTES` ends each round when its time runs out (the end is a move
in the record, so a replay ends the round at the same point).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario.models import Scenario
    from game.server.tables import Table

LOOPBACK = "127.0.0.1"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("host", help="host tables that students join over the network",
                       description=__doc__)
    p.add_argument("--scenario", required=True, metavar="ID_OR_PATH",
                   help="a bundled scenario's id or a scenario file")
    p.add_argument("--tables", type=int, default=1, metavar="N",
                   help="tables to open in a new --db file (default 1)")
    p.add_argument("--port", type=int, default=8765, metavar="P",
                   help="port (default 8765; 0 picks a free one, printed)")
    p.add_argument("--host", default=LOOPBACK,
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--db", default="redlines-tables.db", metavar="FILE",
                   help="the SQLite file that keeps the tables (default redlines-tables.db)")
    p.add_argument("--seats", metavar="SEAT,...",
                   help="the seats students take (default: every role but the mediator); "
                        "the computer plays every other party")
    p.add_argument("--difficulty", metavar="LEVEL", help="one of the scenario's levels")
    p.add_argument("--seed", type=int, default=0, metavar="N",
                   help="the first table's seed; table k gets N+k (default 0)")
    p.add_argument("--start-when-full", action="store_true",
                   help="start a table as soon as every seat is taken (otherwise a table "
                        "starts when the instructor starts it: redlines console)")
    p.add_argument("--clock", type=float, metavar="MINUTES",
                   help="a round clock: each round ends after MINUTES (a fraction is fine), "
                        "for every table; kept in --db, so a restart keeps it")
    p.add_argument("--json", action="store_true",
                   help="print the url, instructor token and tables as one JSON line first")


def run(args: argparse.Namespace) -> int:
    import asyncio

    from game.commands.output import load_scenario
    from game.engine.records import IllegalMove
    from game.engine.session import Session
    from game.server.store import StoreError
    from game.server.tables import default_seats

    problem = _bad_argument(args)
    if problem:
        print(f"redlines host: {problem}", file=sys.stderr)
        return 2
    scenario = load_scenario(args.scenario)
    if scenario is None:
        return 1
    seats = tuple(s.strip() for s in args.seats.split(",") if s.strip()) if args.seats \
        else default_seats(scenario)
    try:  # the seats must make a table the engine can start
        Session.start(scenario, seats[0], difficulty=args.difficulty, humans=seats)
    except (IllegalMove, IndexError) as err:
        print(f"redlines host: --seats/--difficulty: {err or 'name at least one seat'}",
              file=sys.stderr)
        return 2
    try:
        tables, token = _open_tables(args, scenario, seats)
    except StoreError as err:
        print(f"redlines host: {err}", file=sys.stderr)
        return 1
    except IllegalMove as err:
        print(f"redlines host: {args.db}: a table's moves do not replay: {err}", file=sys.stderr)
        return 1
    if args.host not in (LOOPBACK, "localhost", "::1"):
        print(f"redlines host: WARNING: listening on {args.host}: other machines can connect",
              file=sys.stderr)
    try:
        return asyncio.run(_serve(tables, token, args))
    except OSError as err:
        print(f"redlines host: cannot listen on {args.host}:{args.port}: {err.strerror or err}",
              file=sys.stderr)
        return 1


def _bad_argument(args: argparse.Namespace) -> str | None:
    """What is wrong with the numbers on the command line (None: nothing), before any file
    is opened."""
    from game.server.clock import check_minutes

    if not 0 <= args.port < 65536:
        return f"--port must be between 0 and 65535, not {args.port}"
    if not 1 <= args.tables <= 500:
        return f"--tables must be between 1 and 500, not {args.tables}"
    if args.clock is not None and (problem := check_minutes(args.clock)):
        return f"--clock: {problem}"
    return None


def _open_tables(args: argparse.Namespace, scenario: Scenario,
                 seats: tuple[str, ...]) -> tuple[list[Table], str]:
    """The tables of the `--db` file (new ones in a new file) restored to where they stood,
    and the instructor token kept in it (made once). Raises the store's and the replay's
    errors for the caller to report."""
    import json
    import secrets

    from game.server.store import Store
    from game.server.tables import Table, new_code

    store = Store(args.db)
    rows = store.tables()
    if not rows:
        mediator = scenario.mediators[0].id if "mediator" in seats else None
        text = scenario.model_dump_json()
        taken: set[str] = set()
        for k in range(args.tables):
            code = new_code(taken)
            taken.add(code)
            store.create_table(code, text, args.seed + k, args.difficulty, mediator, seats)
        rows = store.tables()
    elif rows[0].scenario and json.loads(rows[0].scenario).get("id") != scenario.id:
        print(f"redlines host: {args.db} holds tables of another scenario; serving them",
              file=sys.stderr)
    token = store.meta("instructor_token")
    if token is None:
        token = secrets.token_urlsafe(24)
        store.set_meta("instructor_token", token)
    tables = [Table.restore(store, row) for row in rows]
    if args.clock is not None:
        for table in tables:
            table.set_clock(args.clock)
    return tables, token


async def _serve(tables: list[Table], token: str, args: argparse.Namespace) -> int:
    import asyncio
    import json
    import signal
    import socket

    from aiohttp import web

    from game.server.classroom import ClassHub
    from game.server.console_api import build_class_app

    hub = ClassHub(tables, token, start_when_full=args.start_when_full)
    runner = web.AppRunner(build_class_app(hub), access_log=None)
    await runner.setup()
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    site = web.SockSite(runner, sock)
    await site.start()
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{port}"
    info = {"url": url, "instructor_token": token,
            "tables": [{"code": t.code, "scenario": t.scenario.id, "seats": list(t.row.seats)}
                       for t in tables]}
    if args.json:
        print(json.dumps(info), flush=True)
    else:
        print(f"Red Lines tables at {url} (students: redlines join {url} CODE)")
        for t in tables:
            state = "finished" if t.finished else "playing" if t.started else "waiting"
            print(f"  {t.code}  {t.scenario.id}  seats: {', '.join(t.row.seats)}  ({state})")
        print(f"instructor token: {token}")
        print(f"console: redlines console {url} --token {token}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await hub.close_all()
    await runner.cleanup()
    return 0
