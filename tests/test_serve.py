"""`redlines serve` in headless Chromium (Debian's package): title, a game per browser, a
disconnect the server survives, and the debrief downloaded from the browser."""

from __future__ import annotations

import re
import shutil
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_served(url: str, proc: subprocess.Popen) -> None:
    """Wait (20 s at most) until the page server `proc` started answers `url` with 200: the
    tests that drive a browser cannot open the page before."""
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                assert r.status == 200
            return
        except OSError:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    saves = tmp_path_factory.mktemp("served-saves")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--saves-dir", str(saves)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_until_served(url, proc)
    yield url, saves, proc
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield b
        b.close()


class Tab:
    """One browser tab on the server; the terminal's text is read from what the server sends."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.frames: list[str] = []
        # Only the server itself: no fonts or anything else from the network.
        self.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url)
                        else r.abort())
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.page.goto(url)

    def _frame(self, data: str | bytes) -> None:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        self.frames.append(ANSI.sub("", text))

    def text_since(self, start: int) -> str:
        return "".join(self.frames[start:])

    def wait_for(self, words: str, start: int = 0, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text_since(start):
            assert time.monotonic() < deadline, f"no {words!r} on the page"
            self.page.wait_for_timeout(100)

    def press(self, key: str, expect: str | None = None) -> str:
        """Press a key; wait for `expect`, or until the screen stops changing. Returns the text."""
        start = len(self.frames)
        self.page.keyboard.press(key)
        if expect:
            self.wait_for(expect, start)
            return self.text_since(start)
        deadline = time.monotonic() + 5
        seen, quiet_since = start, time.monotonic()
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(50)
            if len(self.frames) != seen:
                seen, quiet_since = len(self.frames), time.monotonic()
            elif time.monotonic() - quiet_since > (0.25 if seen > start else 0.6):
                break  # settled, or the key changed nothing
        return self.text_since(start)

    def close(self) -> None:
        self.context.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def start_game(tab: Tab) -> None:
    tab.wait_for("New game")
    tab.page.focus(".xterm-helper-textarea")  # keys to the terminal, without clicking the menu
    tab.press("n", expect="Difficulty")  # the new-game screen
    tab.press("s", expect="To the table")  # the first briefing, with its footer drawn
    tab.press("Enter", expect="Walk out")  # the table: its footer's keys


@pytest.mark.needs("chromium")
def test_two_browsers_their_own_games_and_a_disconnect(server, browser, tmp_path: Path) -> None:
    url, saves, proc = server
    first = Tab(browser, url)
    first.wait_for("New game")
    first.wait_for("Replay")
    shot = tmp_path / "title.png"
    first.page.screenshot(path=str(shot))
    assert png_size(shot.read_bytes()) == (1280, 800)
    assert len(shot.read_bytes()) > 12_000  # the drawn title screen, not an empty page
    start_game(first)
    deadline = time.monotonic() + 10
    while not list(saves.glob("*/*.json")):
        assert time.monotonic() < deadline, "the first game was not saved"
        time.sleep(0.1)
    table = tmp_path / "table.png"
    first.page.screenshot(path=str(table))
    assert len(table.read_bytes()) > 12_000
    first.close()  # the student closes the tab mid-game

    assert proc.poll() is None, "the server stopped when a browser disconnected"
    with urllib.request.urlopen(url, timeout=5) as r:
        assert r.status == 200

    second = Tab(browser, url)
    second.wait_for("New game")  # a fresh title screen, not the first student's table
    start_game(second)
    deadline = time.monotonic() + 10
    while len(list(saves.glob("*/*.json"))) < 2:
        assert time.monotonic() < deadline, "the second game was not saved on its own"
        time.sleep(0.1)
    second.close()
    assert proc.poll() is None


@pytest.mark.needs("chromium")
def test_debrief_downloads_in_the_browser(server, browser) -> None:
    url, _, _ = server
    tab = Tab(browser, url)
    start_game(tab)
    for _ in range(40):  # end rounds, closing answers and briefings, until the debrief
        if "Export" in tab.press("e") or "Export" in tab.press("Enter"):
            break
    else:
        raise AssertionError("the game did not reach its debrief")
    with tab.page.expect_download(timeout=20_000) as info:
        tab.page.keyboard.press("x")
    download = info.value
    assert download.suggested_filename.endswith("-debrief.html")
    html = Path(download.path()).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Debrief:" in html
    tab.close()


def test_bad_port_and_busy_port(tmp_path: Path) -> None:
    from game.cli import main

    assert main(["serve", "--port", "0", "--saves-dir", str(tmp_path)]) == 2
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "game", "serve", "--port", str(port), "--saves-dir",
             str(tmp_path)], capture_output=True, text=True, timeout=30,
        )
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
