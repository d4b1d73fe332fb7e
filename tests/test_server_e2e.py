"""A real host on loopback in a subprocess, two bots at one table: the game reaches its end;
the host is killed with SIGKILL mid-game and restarted on the same file, the bots come back to
their seats, and the table goes on with every move kept; SIGTERM stops the host with 0."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

CMD = [sys.executable, "-m", "game"]


def _host(db: Path, port: int = 0) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    proc = subprocess.Popen(
        [*CMD, "host", "--scenario", "istanbul-2022", "--seats", "ukraine,russia",
         "--difficulty", "hard", "--port", str(port), "--db", str(db), "--json",
         "--start-when-full"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line, proc.stderr.read() if proc.stderr else "no output"
    return proc, json.loads(line)


def _tables(info: dict[str, Any]) -> list[dict[str, Any]]:
    req = urllib.request.Request(info["url"] + "/api/tables",
                                 headers={"Authorization": f"Bearer {info['instructor_token']}"})
    with urllib.request.urlopen(req, timeout=10) as answer:
        return json.loads(answer.read())  # type: ignore[no-any-return]


def _bot(info: dict[str, Any], seat: str, strategy: str, transcript: Path,
         think: float) -> subprocess.Popen[str]:
    code = info["tables"][0]["code"]
    return subprocess.Popen(
        [*CMD, "bot", info["url"], code, "--seat", seat, "--strategy", strategy,
         "--transcript", str(transcript), "--think", str(think), "--retry", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _plays(db: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT idx, seat, move FROM plays ORDER BY idx").fetchall()


def test_two_bots_play_through_a_killed_and_restarted_host(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    host, info = _host(db)
    assert [t["seats"] for t in info["tables"]] == [["ukraine", "russia"]]
    port = int(info["url"].rsplit(":", 1)[1])
    bots = [_bot(info, "ukraine", "linear", tmp_path / "ua.jsonl", 0.05),
            _bot(info, "russia", "boulware", tmp_path / "ru.jsonl", 0.05)]
    deadline = time.monotonic() + 60
    while True:  # wait until the table is well under way, then kill the host outright
        table = _tables(info)[0]
        if table["round"] >= 2 and not table["finished"]:
            break
        assert time.monotonic() < deadline and not table["finished"], table
        time.sleep(0.02)
    os.kill(host.pid, signal.SIGKILL)
    host.wait(10)
    kept = _plays(db)
    assert kept, "nothing was stored before the kill"
    host, info2 = _host(db, port)
    assert info2["tables"][0]["code"] == info["tables"][0]["code"]
    try:
        for bot in bots:
            out, err = bot.communicate(timeout=120)
            assert bot.returncode == 0, err
            assert "ended" in out
        final = _tables(info2)[0]
        assert final["finished"]
        after = _plays(db)
        assert after[:len(kept)] == kept  # every move from before the kill, unchanged
        assert len(after) > len(kept) and final["plays"] == len(after)
        assert all(n > 0 for n in final["moves_by_seat"].values())
        # the exported save replays to the same outcome
        out_dir = tmp_path / "saves"
        done = subprocess.run([*CMD, "export", "--db", str(db), "--out", str(out_dir)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        save = next(out_dir.glob("*.json"))
        replay = subprocess.run([*CMD, "replay", str(save), "--format", "json"],
                                capture_output=True, text=True, timeout=120)
        assert replay.returncode == 0, replay.stderr
        debrief = json.loads(replay.stdout)
        assert debrief["finished"] and debrief["agreement"] == final["agreement"]
        assert debrief["deal"] == final["deal"]
        # one seat's transcript holds no other party's brief or private numbers
        ua_lines = (tmp_path / "ua.jsonl").read_text().splitlines()
        assert any('"type":"welcome"' in line for line in ua_lines[1:])  # came back
        russia_brief = _brief("russia")
        assert all(russia_brief not in line for line in ua_lines)
        for line in ua_lines:
            data = json.loads(line)
            if data["type"] == "state" and "own" in data["state"]:
                assert set(data["state"]["own"]) == {"ukraine"}
    finally:
        host.send_signal(signal.SIGTERM)
        assert host.wait(15) == 0


def _brief(party: str) -> str:
    from game.files import resolve

    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    return next(p.brief for p in scenario.parties if p.id == party)
