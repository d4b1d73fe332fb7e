"""`redlines serve [--host 127.0.0.1] [--port 8000] [--saves-dir DIR]`: the game in a browser.

textual-serve starts one `redlines play` process per browser connection, so every browser gets a
game of its own, saved to the server's saves folder; the debrief export downloads in the browser.
Listens on loopback unless another address is asked for.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

LOOPBACK = "127.0.0.1"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="play in a browser (textual-serve)", description=__doc__)
    p.add_argument("--host", default=LOOPBACK,
                   help="address to listen on (default 127.0.0.1: this machine only; "
                        "0.0.0.0 opens it to the network)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--saves-dir", metavar="DIR", help="where every browser's games are saved")
    p.add_argument("--join", metavar="HOST_URL",
                   help="serve the client of a hosted table instead of a solo game: each "
                        "browser asks for a table code and a name (see redlines host)")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use to reach the server, when it differs from "
                        "http://HOST:PORT (e.g. behind a proxy, or when listening on 0.0.0.0)")


def play_command(saves_dir: Path) -> str:
    """The command textual-serve runs for each browser: this Python, this package."""
    parts = [sys.executable, "-m", "game", "play", "--saves-dir", str(saves_dir)]
    return " ".join(shlex.quote(p) for p in parts)


def join_command(host_url: str) -> str:
    """The command textual-serve runs for each browser with `--join`: the table client, which
    asks for the code and a name, and keeps no token on this shared machine."""
    parts = [sys.executable, "-m", "game", "join", host_url, "--forget"]
    return " ".join(shlex.quote(p) for p in parts)


def run(args: argparse.Namespace) -> int:
    from game.saves import default_saves_dir

    if not 0 < args.port < 65536:
        print(f"redlines serve: --port must be between 1 and 65535, not {args.port}",
              file=sys.stderr)
        return 2
    saves = Path(args.saves_dir) if args.saves_dir else default_saves_dir()
    try:
        saves.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"redlines serve: cannot use {saves} for saves: {err.strerror or err}",
              file=sys.stderr)
        return 1
    from textual_serve.server import Server

    public_url = args.public_url
    if public_url is None and args.host in ("0.0.0.0", "::", ""):
        # The page loads its scripts from this address: a wildcard one means nothing to a browser.
        import socket

        public_url = f"http://{socket.gethostname()}:{args.port}"
    command = join_command(args.join) if args.join else play_command(saves.resolve())
    server = Server(command, host=args.host, port=args.port,
                    title="Red Lines", public_url=public_url)
    if args.host not in (LOOPBACK, "localhost", "::1"):
        print(f"redlines serve: listening on {args.host}: other machines can connect",
              file=sys.stderr)
    print(f"redlines serve: saves in {saves}", file=sys.stderr)
    try:
        server.serve()
    except OSError as err:
        print(f"redlines serve: cannot listen on {args.host}:{args.port}: "
              f"{err.strerror or err}", file=sys.stderr)
        return 1
    return 0
