"""The instructor's console in a browser (`redlines serve --console`, Debian's Chromium through
Playwright): the page asks for the instructor token, then shows every table, and its keys act
on the class (a table started from the page starts on the server)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.test_serve import Tab, browser, free_port, wait_until_served  # noqa: F401  (browser: a fixture)

pytestmark = pytest.mark.slow


def _tables(info: dict[str, object]) -> list[dict[str, object]]:
    req = urllib.request.Request(f"{info['url']}/api/tables", headers={
        "Authorization": f"Bearer {info['instructor_token']}"})
    with urllib.request.urlopen(req, timeout=5) as answer:
        return json.loads(answer.read())  # type: ignore[no-any-return]


@pytest.mark.needs("chromium")
def test_the_console_page_asks_for_the_token_and_starts_a_table(
        browser, tmp_path: Path) -> None:  # noqa: F811
    host = subprocess.Popen(
        [sys.executable, "-m", "game", "host", "--scenario", "tutorial", "--tables", "2",
         "--port", "0", "--db", str(tmp_path / "c.db"), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert host.stdout is not None
    info = json.loads(host.stdout.readline())
    codes = [t["code"] for t in info["tables"]]
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--console", info["url"]],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    bot = subprocess.Popen([sys.executable, "-m", "game", "bot", info["url"], codes[0],
                            "--seat", "ukraine", "--strategy", "linear", "--name", "Ann"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    page_url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_served(page_url, serve)
        tab = Tab(browser, page_url)
        tab.wait_for("instructor token", timeout=30)
        tab.page.focus(".xterm-helper-textarea")
        tab.page.keyboard.type("wrong-token")
        tab.press("Enter", expect="refused")
        tab.page.keyboard.type(info["instructor_token"])
        tab.press("Enter", expect=codes[1])
        tab.wait_for("Ann", timeout=30)
        assert not _tables(info)[0]["started"]
        tab.press("s", expect="started")
        assert _tables(info)[0]["started"]
        tab.page.screenshot(path=str(tmp_path / "console.png"))
        tab.close()
    finally:
        bot.kill()
        serve.terminate()
        serve.wait(10)
        host.send_signal(signal.SIGTERM)
        assert host.wait(15) == 0
