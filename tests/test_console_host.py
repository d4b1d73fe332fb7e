"""`redlines host` as a class runs it, in a subprocess on loopback: without `--start-when-full`
a full table waits for the instructor; the console's `start` starts it and two bots play it to
the end; the results by student have one row per student; the console is refused without the
token; SIGTERM still stops the host with 0."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

CMD = [sys.executable, "-m", "game"]


def _call(info: dict[str, Any], path: str, body: dict[str, Any] | None = None,
          token: str | None = None) -> tuple[int, str]:
    req = urllib.request.Request(
        info["url"] + path, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token or info['instructor_token']}",
                 "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_a_full_table_waits_for_the_console_then_plays_to_the_end(tmp_path: Path) -> None:
    host = subprocess.Popen(
        [*CMD, "host", "--scenario", "tutorial", "--port", "0", "--db", str(tmp_path / "c.db"),
         "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert host.stdout is not None
    info = json.loads(host.stdout.readline())
    code = info["tables"][0]["code"]
    bots = [subprocess.Popen([*CMD, "bot", info["url"], code, "--seat", seat, "--strategy",
                              "linear", "--name", name], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for seat, name in (("ukraine", "Ann"), ("russia", "Bob"))]
    try:
        assert _call(info, "/api/console", token="wrong")[0] == 401
        assert _call(info, "/api/console", {"type": "start", "code": code}, "wrong")[0] == 401
        deadline = time.monotonic() + 60
        while True:  # both bots seated: the table is full, and still waits
            table = json.loads(_call(info, "/api/console")[1])["tables"][0]
            if len(table["taken"]) == 2:
                break
            assert time.monotonic() < deadline, table
            time.sleep(0.1)
        assert not table["started"] and table["online"] == ["russia", "ukraine"]
        status, body = _call(info, "/api/console", {"type": "start", "code": code})
        assert status == 200 and json.loads(body)["type"] == "done", body
        for bot in bots:
            out, err = bot.communicate(timeout=120)
            assert bot.returncode == 0, err
        status, text = _call(info, "/api/console/results.csv")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert status == 200 and [(r["student"], r["seat"]) for r in rows] == [
            ("Ann", "ukraine"), ("Bob", "russia")]
        assert all(r["finished"] == "yes" and r["score"] and int(r["moves"]) > 0 for r in rows)
    finally:
        for bot in bots:
            bot.kill()
        host.send_signal(signal.SIGTERM)
        assert host.wait(15) == 0
