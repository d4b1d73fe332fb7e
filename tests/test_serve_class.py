"""`redlines serve` in a classroom (issue 17, class 4): a saves folder per browser, a cap on games
at once with a "class is full" answer, a message when a session process dies, foreign origins
refused, no directory listing, odd window sizes clamped. Driven with aiohttp's websocket client
(the protocol textual.js speaks), so it needs no browser."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.test_serve import ANSI

pytestmark = pytest.mark.slow


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    saves = tmp_path_factory.mktemp("class-saves")
    port = _port()
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port),
                             "--saves-dir", str(saves), "--max-games", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "no server"
            time.sleep(0.2)
    yield url, saves, proc
    proc.terminate()
    proc.wait(timeout=10)


class Player:
    """One browser: its cookie (from the page) and its websocket."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session, self.url, self.text = session, url, ""

    async def connect(self, width: int = 100, height: int = 32) -> None:
        async with self.session.get(self.url + "/") as r:
            assert r.status == 200
        self.ws = await self.session.ws_connect(
            f"{self.url}/ws?width={width}&height={height}", headers={"Origin": self.url})

    async def wait_for(self, words: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text:
            left = deadline - time.monotonic()
            assert left > 0, f"no {words!r} in {self.text[-300:]!r}"
            try:
                msg = await self.ws.receive(timeout=left)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.text += ANSI.sub("", msg.data.decode("utf-8", "replace"))
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                              aiohttp.WSMsgType.CLOSING):
                raise ConnectionError(f"closed: {msg.extra!r}")

    async def keys(self, *keys: str) -> None:
        for key in keys:
            await self.ws.send_json(["stdin", key])
            await asyncio.sleep(0.4)


async def _new_game(p: Player) -> None:
    await p.wait_for("New game")
    await p.keys("n")
    await p.wait_for("Difficulty")
    await p.keys("s")
    await p.wait_for("To the table")
    await p.keys("\r")


def _saves(folder: Path) -> list[Path]:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = [p for p in folder.glob("*/*.json") if p.stat().st_size > 0]
        if found:
            return found
        time.sleep(0.2)
    return []


def _cmdline(pid: str) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


ZYGOTE = [b"-m", b"game.commands.serve_zygote"]


def _is_zygote(pid: str, saves: Path) -> bool:
    """The parent that game processes are forked from (its label is the saves folder)."""
    args = _cmdline(pid)
    return args[1:3] == ZYGOTE and str(saves).encode() in args


def _parent(pid: str) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[1]


def _is_game(pid: str, saves: Path) -> bool:
    """A session's Python process: forked from the zygote (same command line as its parent), or
    started as `python -m game play` (not the shell textual-serve starts that through)."""
    args = _cmdline(pid)
    if _is_zygote(pid, saves):
        return _is_zygote(_parent(pid), saves)
    return (len(args) > 3 and args[1:4] == [b"-m", b"game", b"play"]
            and str(saves).encode() in b" ".join(args))


async def _class(url: str, saves: Path) -> None:
    def browser() -> aiohttp.ClientSession:  # a browser keeps cookies of an IP address too
        return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async with browser() as a, browser() as b, browser() as c:
        first, second = Player(a, url), Player(b, url)
        await first.connect()
        await second.connect()
        await second.ws.send_json(["resize", {"width": 0, "height": -3}])  # clamped, no hang
        await second.ws.send_json(["resize", {"width": 100, "height": 32}])
        await second.wait_for("New game")
        await _new_game(first)
        folders = sorted(p.name for p in saves.iterdir())
        assert len(folders) == 2, folders  # a folder per browser
        found = _saves(saves)
        cookie = {m.key: m.value for m in a.cookie_jar}["redlines_player"]
        assert len(found) == 1 and found[0].parent.name == cookie
        # The second student's Continue list is empty: the first's game is not theirs.
        await second.keys("c")
        await second.wait_for("No saves in")
        # A third browser: the class is full (cap 2), said, not a frozen page.
        async with c.get(url + "/") as r:
            assert r.status == 503 and "The class is full" in await r.text()
        # A session process killed: its socket closes with a message, the server goes on.
        pids = [pid for pid in os.listdir("/proc") if pid.isdigit() and _is_game(pid, saves)]
        assert len(pids) == 2, pids
        assert all(_is_zygote(_parent(pid), saves) for pid in pids)  # forked, warm
        target = pids[0]
        os.kill(int(target), signal.SIGKILL)
        closed = []
        for player in (first, second):
            try:
                await player.wait_for("never shown", timeout=10)
            except ConnectionError as err:
                closed.append(str(err))
            except AssertionError:
                pass
        assert closed == ["closed: 'session process ended'"], closed
        # A place is free again.
        await asyncio.sleep(0.5)
        async with c.get(url + "/") as r:
            assert r.status == 200


def test_a_class_of_browsers(server) -> None:
    url, saves, proc = server
    asyncio.run(_class(url, saves))
    assert proc.poll() is None


def test_foreign_origin_and_directory_listing_are_refused(server) -> None:
    url, _, _ = server

    async def go() -> int:
        async with aiohttp.ClientSession() as s:
            try:
                await s.ws_connect(f"{url}/ws", headers={"Origin": "http://evil.example"})
            except aiohttp.WSServerHandshakeError as err:
                return err.status
        return 200

    assert asyncio.run(go()) == 403
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url + "/static/", timeout=5)
    assert err.value.code in (403, 404)
    page = urllib.request.urlopen(url + "/", timeout=5).read().decode()
    assert "googleapis" not in page and "http://127.0.0.1" in page
