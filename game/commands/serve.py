"""`redlines serve [--host 127.0.0.1] [--port 8000] [--saves-dir DIR] [--max-games N]
[--join HOST_URL | --console HOST_URL] [--no-fork]`: the game in a browser (with --join: the
client of a hosted table; with --console: the instructor's console of a hosted class).

One `redlines play` process per browser connection (textual-serve), so every browser gets a game of
its own, saved in a folder of its own under the saves folder (one per browser, kept by a cookie).
Each is forked from a process that has already loaded the game (serve_zygote), so first screens
stay quick when a whole class connects at once;
the debrief export downloads in the browser. At most --max-games games run at once: the next
student sees "the class is full" and the page retries. Listens on loopback unless asked otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LOOPBACK = "127.0.0.1"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="play in a browser (textual-serve)", description=__doc__)
    p.add_argument("--host", default=LOOPBACK,
                   help="address to listen on (default 127.0.0.1: this machine only; "
                        "0.0.0.0 opens it to the network)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--saves-dir", metavar="DIR",
                   help="where the games are saved: one folder per browser inside it")
    p.add_argument("--max-games", type=int, metavar="N", default=None,
                   help="games running at once (default: what the memory takes, at most 40; "
                        "each game's process uses about 75 MB)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--join", metavar="HOST_URL",
                       help="serve the client of a hosted table instead of a solo game: each "
                            "browser asks for a table code and a name (see redlines host)")
    which.add_argument("--console", metavar="HOST_URL",
                       help="serve the instructor's console of a hosted class instead: the "
                            "page asks for the instructor token (see redlines console)")
    p.add_argument("--no-fork", action="store_true",
                   help="start each browser's game process from scratch instead of forking it "
                        "from one that has the game loaded (slower first screens; for "
                        "comparison or when forking misbehaves)")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use to reach the server, when it differs from "
                        "the one they asked for (e.g. behind a proxy)")


def default_cap() -> int:
    """Games at once that the memory takes: about 75 MB each (measured), half the available
    memory for them, between 2 and 40."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            info = dict(line.split(":", 1) for line in fh)
        available_mb = int(info["MemAvailable"].split()[0]) // 1024
    except (OSError, KeyError, ValueError):
        return 10
    return max(2, min(40, available_mb // 2 // 75))


def join_argv(host_url: str) -> list[str]:
    """What runs for each browser with `--join`: the table client, which asks for the code and
    a name, and keeps no token on this shared machine."""
    return ["join", host_url, "--forget"]


def console_argv(host_url: str) -> list[str]:
    """What runs for each browser with `--console`: the instructor's console, which asks for
    the token (nothing secret on the command line)."""
    return ["console", host_url]


def run(args: argparse.Namespace) -> int:
    from game.saves import default_saves_dir

    if not 0 < args.port < 65536:
        print(f"redlines serve: --port must be between 1 and 65535, not {args.port}",
              file=sys.stderr)
        return 2
    cap = default_cap() if args.max_games is None else args.max_games
    if cap < 1:
        print(f"redlines serve: --max-games must be 1 or more, not {cap}", file=sys.stderr)
        return 2
    saves = Path(args.saves_dir) if args.saves_dir else default_saves_dir()
    try:
        saves.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"redlines serve: cannot use {saves} for saves: {err.strerror or err}",
              file=sys.stderr)
        return 1
    from game.commands.serve_server import RedLinesServer

    app = (("join", join_argv(args.join)) if args.join else
           ("console", console_argv(args.console)) if args.console else None)
    server = RedLinesServer(saves.resolve(), cap, app=app, fork=not args.no_fork,
                            host=args.host, port=args.port, title="Red Lines",
                            public_url=args.public_url)
    if args.host not in (LOOPBACK, "localhost", "::1"):
        print(f"redlines serve: listening on {args.host}: other machines can connect",
              file=sys.stderr)
    print(f"redlines serve: saves in {saves} (a folder per browser); at most {cap} games at once",
          file=sys.stderr)
    try:
        server.serve()
    except OSError as err:
        print(f"redlines serve: cannot listen on {args.host}:{args.port}: "
              f"{err.strerror or err}", file=sys.stderr)
        return 1
    return 0
