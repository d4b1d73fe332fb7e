"""The real `redlines` command in a real terminal (tmux): keys in with send-keys, screen out with
capture-pane. It catches what Pilot cannot: the entry point, the driver, real key codes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.needs("tmux")]

REDLINES = str(Path(sys.executable).with_name("redlines"))


def terminal_env() -> dict[str, str]:
    """The environment a player's terminal has: none of pytest's or the snapshot plugin's variables.

    With them, a tmux server started from pytest ran the game without it seeing resizes (measured:
    the too-small message never came; with this environment it does, as in a real terminal).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "TEXTUAL"))}
    return {**env, "TERM": "xterm-256color"}


class Term:
    def __init__(self, name: str, done: Path | None = None) -> None:
        self.name = name
        self.done = done  # where the shell writes the game's exit code, when it does

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name],
                              capture_output=True).returncode == 0


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Term]:
    name = f"rl-test-{os.getpid()}"
    done = tmp_path / "exit-code"
    cmd = (f"{REDLINES} play --scenario tutorial --role ukraine --seed 2 "
           f"--saves-dir {tmp_path / 'saves'}; echo $? > {done}")
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", cmd],
                   check=True, env=terminal_env())
    subprocess.run(["tmux", "set", "-t", name, "-s", "escape-time", "10"], capture_output=True)
    t = Term(name, done)
    yield t
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_real_terminal_plays_a_game(term: Term, tmp_path: Path) -> None:
    term.wait_for("Continue a saved game")
    term.keys("n")
    term.wait_for("You play: Ukraine")
    term.keys("s")
    term.wait_for("Your red lines")
    term.keys("Enter")
    screen = term.wait_for("Scorecard")
    before = [line for line in screen.splitlines() if "utility" in line]
    term.keys("Right")
    end = time.monotonic() + 15
    after = before
    while after == before and time.monotonic() < end:  # the scorecard follows the key press
        time.sleep(0.1)
        after = [line for line in term.screen().splitlines() if "utility" in line]
    assert before and after and before != after
    term.keys("p")
    term.wait_for("Answers to your offer")
    term.keys("Enter")
    term.wait_for("Scorecard")
    term.keys("w")
    term.wait_for("Walk out of the talks?")
    term.keys("y")
    term.wait_for("You walk out")
    term.keys("Enter")
    term.wait_for("NO DEAL")
    assert "Traceback" not in term.screen()
    assert list((tmp_path / "saves").glob("*.json"))
    term.keys("q")
    end = time.monotonic() + 10
    assert term.done is not None
    while not term.done.exists() and time.monotonic() < end:
        time.sleep(0.1)
    assert term.done.read_text().strip() == "0"


def test_real_terminal_too_small(tmp_path: Path) -> None:
    # Start at a normal size, then shrink: a detached tmux session is created at its default size
    # and resized only after the program has started, which is not what a real terminal does.
    name = f"rl-small-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30",
                    f"{REDLINES} play --saves-dir {tmp_path}"], check=True, env=terminal_env())
    try:
        t = Term(name)
        t.wait_for("Continue a saved game")
        subprocess.run(["tmux", "resize-window", "-t", name, "-x", "60", "-y", "20"], check=True)
        t.wait_for("too small")
        subprocess.run(["tmux", "resize-window", "-t", name, "-x", "90", "-y", "28"], check=True)
        t.wait_for("Continue a saved game")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
