"""The parent of `redlines serve`'s game processes: it imports the app once, then forks a child
per browser.

Why: a fresh `redlines play` spends about a CPU-second importing Textual, pydantic and the game
before its first screen; with 40 students arriving within ten seconds on two cores that queued
the last first screens behind a minute of imports. A child forked from this process starts with
everything imported (shared copy-on-write with its parent) and only builds its app.

Run by the server as `python -m game.commands.serve_zygote --fd N --mode MODE LABEL` (MODE: play,
join or console), with the environment textual-serve gives its app processes and the control socket
(SOCK_SEQPACKET) on fd N. Each request is one packet: JSON `{"argv": [...], "width": W, "height": H,
"env": {...}}` (the `redlines` arguments that give the child its identity, e.g. its own saves
folder) with three file descriptors attached (the child's stdin, stdout and stderr). The answer is
one packet: `{"pid": P}` or `{"error": "..."}`. The first packet sent is `{"ready": true}` once the
app is imported. The zygote exits when the server closes the socket; its children live on (each ends
with its game or when its stdin closes). LABEL (the saves folder) only names the process.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import pkgutil
import signal
import socket
import sys
import traceback
from typing import Any

MAX_PACKET = 64 * 1024
CHILD_ENV = frozenset({"REDLINES_SEAT_TOKENS"})
"""The variables a request may set in its child (the table client's seat tokens, which the
page keeps); nothing else from a request reaches a child's environment."""


def preload(mode: str) -> None:
    """Import what a game process needs before its first screen, and the screens after it."""
    import game.tui
    from game.cli import build_parser

    build_parser()  # imports every command module
    importlib.import_module(f"game.commands.{mode}")
    importlib.import_module("textual.drivers.web_driver")
    for info in pkgutil.iter_modules(game.tui.__path__, "game.tui."):
        importlib.import_module(info.name)
    # Objects made so far are never collected: a child's collector leaves their pages shared.
    gc.freeze()


def threads() -> int:
    """Threads of this process (forking is safe with one; Linux only, else assumed 1)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def parse_request(data: bytes) -> tuple[list[str], int, int, dict[str, str]]:
    """The child's `redlines` arguments, window size and own variables from a request packet
    (ValueError when the packet is not one)."""
    request: Any = json.loads(data)
    if not isinstance(request, dict):
        raise ValueError("a request is a JSON object")
    argv, width, height = request.get("argv"), request.get("width"), request.get("height")
    if not (isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv)):
        raise ValueError("argv must be a non-empty list of strings")
    if not (isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0):
        raise ValueError("width and height must be positive integers")
    env = request.get("env", {})
    if not (isinstance(env, dict) and all(isinstance(k, str) and k in CHILD_ENV
                                          and isinstance(v, str) for k, v in env.items())):
        raise ValueError(f"env may only set {', '.join(sorted(CHILD_ENV))}, as strings")
    return argv, width, height, env


def tell(control: socket.socket, answer: dict[str, Any]) -> bool:
    """Send one answer; False when the server has gone (it stopped, or never started)."""
    try:
        control.send(json.dumps(answer).encode())
    except OSError:
        return False
    return True


def reap(_signum: int, _frame: object) -> None:
    """Collect ended children so none is left a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def child(control: socket.socket, fds: list[int], argv: list[str], width: int,
          height: int, env: dict[str, str]) -> None:
    """In the forked child: take the given stdio, run `redlines ARGV`, exit. Never returns."""
    code: int = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        control.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)
        os.environ["COLUMNS"], os.environ["ROWS"] = str(width), str(height)
        os.environ.update(env)
        from game.cli import main

        code = main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - the child must exit here, whatever happened
        traceback.print_exc()
        code = 70
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


def serve(control: socket.socket) -> None:
    """Answer requests until the server closes the socket."""
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(control, MAX_PACKET, 3)
        except (ConnectionError, OSError):
            return
        if not data:
            for fd in fds:
                os.close(fd)
            return
        try:
            argv, width, height, env = parse_request(data)
            if len(fds) != 3:
                raise ValueError(f"3 file descriptors expected, {len(fds)} received")
        except ValueError as err:
            for fd in fds:
                os.close(fd)
            if not tell(control, {"error": str(err)}):
                return
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        answer: dict[str, Any]
        try:
            pid = os.fork()
        except OSError as err:  # out of processes or memory: this request fails, not the parent
            pid, answer = -1, {"error": f"cannot fork: {err.strerror or err}"}
        else:
            answer = {"pid": pid}
        if pid == 0:
            child(control, fds, argv, width, height, env)
        for fd in fds:
            os.close(fd)
        if not tell(control, answer):
            return


def main() -> int:
    parser = argparse.ArgumentParser(prog="serve_zygote")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--mode", choices=("play", "join", "console"), default="play")
    parser.add_argument("label", nargs="?", default="")
    args = parser.parse_args()
    control = socket.socket(fileno=args.fd)
    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when this ends
    try:
        preload(args.mode)
    except Exception as err:  # the server falls back to starting processes itself
        tell(control, {"error": f"preload failed: {err}"})
        return 1
    if threads() > 1:  # a library started a thread: forking could copy a held lock
        tell(control, {"error": "the loaded app runs threads; not forking"})
        return 1
    if tell(control, {"ready": True}):
        serve(control)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
