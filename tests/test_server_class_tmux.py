"""A whole table with people and bots: two students in real terminals (`redlines join` in tmux)
and two bots (`redlines bot`) on a real host reach the end of the talks. Each student makes a
move of their own (a package; the end of each round), and each screen shows only that seat."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_tui_tmux import REDLINES, Term, terminal_env

pytestmark = [pytest.mark.slow, pytest.mark.needs("tmux")]


def test_two_students_and_two_bots_finish_a_table(tmp_path: Path) -> None:
    env = {**terminal_env(), "XDG_STATE_HOME": str(tmp_path / "state")}
    host = subprocess.Popen(
        [REDLINES, "host", "--scenario", "istanbul-2022", "--seats",
         "ukraine,russia,nato,mediator", "--port", "0", "--db", str(tmp_path / "c.db"), "--json",
         "--start-when-full"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert host.stdout is not None
    info = json.loads(host.stdout.readline())
    url, code = info["url"], info["tables"][0]["code"]
    names = [f"rl-class-{os.getpid()}-{seat}" for seat in ("ukraine", "russia")]
    bots = [subprocess.Popen([sys.executable, "-m", "game", "bot", url, code, "--seat", seat,
                              "--strategy", "linear", "--think", "0.1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for seat in ("nato", "mediator")]
    terms = []
    try:
        for name, seat in zip(names, ("ukraine", "russia"), strict=True):
            subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                            f"{REDLINES} join {url} {code} --name {seat} --seat {seat}"],
                           check=True, env=env)
            terms.append(Term(name))
        for term, seat in zip(terms, ("ukraine", "russia"), strict=True):
            screen = term.wait_for("round 1/4", timeout=60)
            assert f"seat {seat}" in screen
        ukraine, russia = terms
        ukraine.keys("p")  # the package as it stands: every issue's first option
        ukraine.wait_for("offers left 2")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # both end every round until the talks are over
            screens = [t.screen() for t in terms]
            if all("talks are over" in s for s in screens):
                break
            for term, screen in zip(terms, screens, strict=True):
                if "You may:" in screen and "end round" in screen.split("You may:")[1][:80]:
                    term.keys("e")
            time.sleep(0.3)
        for term in terms:
            screen = term.wait_for("the talks are over", timeout=60)
        for bot in bots:
            out, err = bot.communicate(timeout=60)
            assert bot.returncode == 0, err
        assert "(worth to you: ukraine" in ukraine.screen()
        assert "(worth to you: russia" in russia.screen()
        assert "ukraine" not in russia.screen().split("worth to you:")[1]
    finally:
        for name in names:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
        for bot in bots:
            if bot.poll() is None:
                bot.kill()
        host.send_signal(signal.SIGTERM)
        assert host.wait(15) == 0
