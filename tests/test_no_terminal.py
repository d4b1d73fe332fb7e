"""The screens need a terminal (issue 17, terminals): with standard input closed `redlines`
stopped with "internal error", and with it from /dev/null the screen drew but ignored every key,
ctrl+q included. Now each says in one line that a terminal is needed, and exits 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.commands.output import no_terminal

SAVE = next((Path(__file__).parent / "fixtures" / "saves-v2").glob("*.json"))


def _run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    """`redlines ARGS` with stdin closed (`<&-`) or from /dev/null, and no TEXTUAL_DRIVER."""
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    redirect = "<&-" if stdin == "closed" else "</dev/null"
    command = " ".join([f'"{sys.executable}"', "-m", "game", *args, redirect])
    return subprocess.run(["sh", "-c", f"exec {command}"], capture_output=True, text=True,
                          timeout=60, env=env)


@pytest.mark.parametrize(("args", "stdin", "why"), [
    ([], "closed", "standard input is closed"),
    (["play", "--seed", "3"], "/dev/null", "standard input is not a terminal"),
    (["replay", str(SAVE)], "/dev/null", "standard input is not a terminal"),
    (["replay", str(SAVE)], "closed", "standard input is closed"),
])
def test_without_a_terminal_the_screens_say_so_in_one_line(args: list[str], stdin: str,
                                                            why: str) -> None:
    done = _run(args, stdin)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert why in lines[0] and "need a terminal" in lines[0]
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "\x1b[" not in done.stdout  # no screen drawn


def test_a_terminal_or_the_browser_driver_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    leader, follower = os.openpty()
    try:
        with os.fdopen(follower, "r", closefd=False) as tty:
            monkeypatch.setattr(sys, "__stdin__", tty)
            monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
            assert no_terminal("play") is None
        with open(os.devnull) as nothing:
            monkeypatch.setattr(sys, "__stdin__", nothing)
            assert "not a terminal" in (no_terminal("play") or "")
            monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
            assert no_terminal("play") is None  # served: the web driver reads that pipe
        monkeypatch.delenv("TEXTUAL_DRIVER")
        monkeypatch.setattr(sys, "__stdin__", None)
        assert "closed" in (no_terminal("play") or "")
    finally:
        os.close(leader)
        os.close(follower)
