"""`redlines serve` forks each browser's game from a parent that has imported the app (issue 17,
capacity): the parent hands out a running process that learned its identity from the request,
serves one request after another while earlier games run, answers a malformed request with an
error and goes on, is replaced when it has died (the running games survive it), and when none can
be started the server falls back to starting processes itself."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from game.commands.serve_forker import ForkedAppService, ForkedProcess, Forker, app_environment
from game.commands.serve_zygote import parse_request
from tests.test_serve import ANSI

pytestmark = pytest.mark.slow


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


async def _screen_text(child: ForkedProcess, words: str, timeout: float = 60) -> str:
    """Read the web driver's packets from a child until WORDS shows."""
    async def read() -> str:
        assert await child.stdout.readline() == b"__GANGLION__\n"
        text = ""
        while words not in text:
            kind = await child.stdout.readexactly(1)
            size = int.from_bytes(await child.stdout.readexactly(4), "big")
            payload = await child.stdout.readexactly(size)
            if kind == b"D":
                text += ANSI.sub("", payload.decode("utf-8", "replace"))
        return text

    return await asyncio.wait_for(read(), timeout)


async def _output(child: ForkedProcess) -> bytes:
    return await asyncio.wait_for(child.stdout.read(), 60)


def test_the_forker_hands_out_games_and_replaces_a_dead_parent(tmp_path: Path) -> None:
    async def go() -> None:
        forker = Forker("play", str(tmp_path))
        try:
            assert await forker.start()
            first_parent = forker.zygote_pid
            assert first_parent is not None
            assert len(os.listdir(f"/proc/{first_parent}/task")) == 1  # safe to fork
            game = await forker.spawn(["play", "--saves-dir", str(tmp_path / "a")], 100, 32)
            assert game is not None
            assert _parent(game.pid) == first_parent  # forked, not started from scratch
            await _screen_text(game, "New game")
            # Another request while that game runs: its identity is its own arguments.
            listing = await forker.spawn(["scenarios"], 80, 24)
            assert listing is not None
            assert b"istanbul-2022" in await _output(listing)
            # The parent dies (killed, out of memory): the next request gets a new one, and the
            # game forked earlier goes on.
            os.kill(first_parent, signal.SIGKILL)
            await asyncio.sleep(0.2)
            schema = await forker.spawn(["schema"], 80, 24)
            assert schema is not None
            assert forker.starts == 2 and forker.zygote_pid not in (None, first_parent)
            assert _parent(schema.pid) == forker.zygote_pid
            assert b'"$schema"' in await _output(schema)
            os.kill(game.pid, 0)  # still running
            for child in (game, listing, schema):
                child.kill()
                child.close()
        finally:
            await forker.close()

    asyncio.run(go())


def test_no_parent_means_the_old_way(tmp_path: Path) -> None:
    """A parent that cannot start (here: a Python that cannot import the game) gives None, and
    the app service then starts the process from its command."""
    env = dict(app_environment(), PYTHONPATH="", PYTHONSAFEPATH="1")

    async def go() -> None:
        forker = Forker("play", str(tmp_path), env=dict(env, PYTHONHOME=str(tmp_path)))
        try:
            assert not await forker.start()
            assert await forker.spawn(["scenarios"], 80, 24) is None
            assert forker.starts == 1  # not tried again for every student

            async def ignore(_data: object) -> None:
                return None

            command = f"{sys.executable} -c 'print(\"__GANGLION__\")'"
            service = ForkedAppService(command, ["scenarios"], forker, write_bytes=ignore,
                                       write_str=ignore, close=lambda: ignore(None),
                                       download_manager=None)  # type: ignore[arg-type]
            process = await service._open_app_process(80, 24)
            assert service.forked is None
            assert process.stdout is not None
            assert await process.stdout.readline() == b"__GANGLION__\n"
            await process.wait()
        finally:
            await forker.close()

    asyncio.run(go())


def test_the_parent_answers_a_bad_request_and_goes_on(tmp_path: Path) -> None:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    zygote = subprocess.Popen(
        [sys.executable, "-m", "game.commands.serve_zygote", "--fd", str(theirs.fileno()),
         "--mode", "play", str(tmp_path)], pass_fds=(theirs.fileno(),),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=app_environment())
    theirs.close()
    ours.settimeout(60)
    try:
        assert json.loads(ours.recv(4096)) == {"ready": True}
        for bad in (b"not json", b"[1, 2]", b'{"argv": [], "width": 80, "height": 24}',
                    b'{"argv": ["scenarios"], "width": "80", "height": 24}',
                    b'{"argv": ["scenarios"], "width": 80, "height": 24}'):  # no descriptors
            ours.send(bad)
            assert "error" in json.loads(ours.recv(4096)), bad
        r, w = os.pipe()
        nothing = os.open(os.devnull, os.O_RDONLY)
        request = b'{"argv": ["scenarios"], "width": 80, "height": 24}'
        socket.send_fds(ours, [request], [nothing, w, w])
        os.close(w)
        os.close(nothing)
        assert isinstance(json.loads(ours.recv(4096))["pid"], int)
        with os.fdopen(r, "rb") as out:
            assert b"istanbul-2022" in out.read()
    finally:
        ours.close()  # the end of the socket ends the parent
        assert zygote.wait(timeout=20) == 0


@pytest.mark.parametrize("packet", [
    b"{", b"null", b'"argv"', b'{"argv": "play", "width": 1, "height": 1}',
    b'{"argv": [1], "width": 1, "height": 1}', b'{"argv": ["play"], "width": 0, "height": 1}',
    b'{"argv": ["play"], "width": 1}',
    b'{"argv": ["join"], "width": 1, "height": 1, "env": {"PATH": "/tmp"}}',
    b'{"argv": ["join"], "width": 1, "height": 1, "env": {"REDLINES_SEAT_TOKENS": 1}}',
])
def test_malformed_requests_are_refused(packet: bytes) -> None:
    with pytest.raises(ValueError):
        parse_request(packet)


def test_a_request_may_carry_the_seat_tokens_and_nothing_else() -> None:
    packet = b'{"argv": ["join"], "width": 80, "height": 24, ' \
             b'"env": {"REDLINES_SEAT_TOKENS": "{}"}}'
    assert parse_request(packet) == (["join"], 80, 24, {"REDLINES_SEAT_TOKENS": "{}"})


def test_a_refused_request_keeps_the_parent(tmp_path: Path) -> None:
    """A request the parent refuses (here: a variable it may not set) gives None, so the app
    service starts that one process itself; the parent that refused it is healthy and stays,
    rather than being killed and started again (seconds of imports) twice per request."""
    async def go() -> None:
        forker = Forker("play", str(tmp_path))
        try:
            assert await forker.start()
            parent = forker.zygote_pid
            assert await forker.spawn(["scenarios"], 80, 24, {"PATH": "/tmp"}) is None
            assert forker.starts == 1 and forker.zygote_pid == parent
            listing = await forker.spawn(["scenarios"], 80, 24)
            assert listing is not None and b"istanbul-2022" in await _output(listing)
            listing.close()
        finally:
            await forker.close()

    asyncio.run(go())
