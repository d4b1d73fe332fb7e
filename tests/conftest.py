"""Tests that drive real programs say which program is missing, as a failure, never a skip.

`@pytest.mark.needs("tmux", "chromium")` names the Debian programs a test drives. When one is
absent the test fails before its fixtures start it, with one line naming the program and the
script that installs it (the README's test command runs that script first). Without this a
missing Chromium surfaced as fixture errors and a missing tmux as a FileNotFoundError.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

INSTALL = "scripts/system-deps.sh"
MISSING = "missing program"
PROGRAMS = {  # name in the marker -> (executables to look for, what to call it)
    "tmux": (("tmux",), "tmux (the terminal tests drive the real game in it)"),
    "chromium": (("chromium", "/usr/bin/chromium"), "Chromium (the browser tests drive it)"),
}


def found(name: str) -> bool:
    """Is the program on PATH (or at its Debian path)?"""
    return any(shutil.which(exe) or Path(exe).is_absolute() and Path(exe).exists()
               for exe in PROGRAMS[name][0])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        for name in mark.args:
            if name not in PROGRAMS:
                raise ValueError(f"{item.nodeid}: needs({name!r}): known: {', '.join(PROGRAMS)}")
            if not found(name):
                pytest.fail(f"{MISSING}: {PROGRAMS[name][1]} is not installed; run "
                            f"`sh {INSTALL}` (the README's test command does)", pytrace=False)


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config
                             ) -> tuple[str, str, str] | None:
    """A missing program fails the test (F), rather than reading as a broken fixture (E)."""
    if report.when == "setup" and report.failed and str(report.longrepr).startswith(MISSING):
        return "failed", "F", "FAILED"
    return None
