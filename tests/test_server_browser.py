"""The browser page of a hosted table (`redlines serve --join`, Debian's Chromium through
Playwright): a student types the table's code and a name, sits at the table and plays a move;
after a reload of the page the same code and name bring the student back to the same seat."""

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


@pytest.mark.needs("chromium")
def test_a_browser_joins_with_a_code_and_proposes(browser, tmp_path: Path) -> None:  # noqa: F811
    host = subprocess.Popen(
        [sys.executable, "-m", "game", "host", "--scenario", "istanbul-2022", "--seats",
         "ukraine,russia", "--port", "0", "--db", str(tmp_path / "c.db"), "--json",
         "--start-when-full"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert host.stdout is not None
    info = json.loads(host.stdout.readline())
    code = info["tables"][0]["code"]
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--join", info["url"]],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    bot = subprocess.Popen([sys.executable, "-m", "game", "bot", info["url"], code, "--seat",
                            "russia", "--strategy", "boulware", "--think", "0.5"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    page_url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_served(page_url, serve)
        tab = Tab(browser, page_url)
        tab.wait_for("Join a table", timeout=30)
        tab.page.focus(".xterm-helper-textarea")
        tab.page.keyboard.type(code.lower())
        tab.press("Enter")
        tab.page.keyboard.type("Ann")
        tab.press("Enter", expect="round 1/4")
        assert "seat ukraine" in tab.text_since(0)
        shot = tmp_path / "table.png"
        tab.page.screenshot(path=str(shot))
        tab.press("p", expect="offers left 2")  # the package as built: a move of its own
        req = urllib.request.Request(info["url"] + "/api/tables", headers={
            "Authorization": f"Bearer {info['instructor_token']}"})
        with urllib.request.urlopen(req, timeout=5) as answer:
            table = json.loads(answer.read())[0]
        assert table["taken"]["ukraine"] == "Ann"
        assert table["moves_by_seat"]["ukraine"] >= 1
        # a reload starts a new client process: the browser kept the seat token, the form
        # comes filled in, and the same code and name bring the student back with nothing lost
        kept = json.loads(tab.page.evaluate("localStorage.getItem('redlines-seats')"))
        assert list(kept["tokens"]) == [f"{code}|ann"] and kept["last"] == f"{code}|ann"
        start = len(tab.frames)
        tab.page.reload()
        tab.wait_for("bring you back", start, timeout=30)
        tab.page.focus(".xterm-helper-textarea")
        tab.press("Enter")
        tab.press("Enter", expect="offers left 2")  # its offer of before still counts
        assert "seat ukraine" in tab.text_since(start)
        with urllib.request.urlopen(req, timeout=5) as answer:
            assert json.loads(answer.read())[0]["taken"] == {"ukraine": "Ann", "russia": "russia"}
        tab.close()
    finally:
        bot.kill()
        serve.terminate()
        serve.wait(10)
        host.send_signal(signal.SIGTERM)
        assert host.wait(15) == 0
