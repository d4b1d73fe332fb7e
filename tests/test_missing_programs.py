"""A test driving a missing program fails, naming the program and the script that installs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONFTEST = Path(__file__).with_name("conftest.py")

TESTS = '''
import pytest

@pytest.fixture
def browser():
    raise RuntimeError("the fixture must not start: the program is missing")

@pytest.mark.needs("chromium")
def test_in_the_browser(browser):
    pass

@pytest.mark.needs("tmux")
def test_in_a_terminal():
    pass

def test_plain():
    pass
'''


def test_a_missing_program_is_a_failure_that_names_it(tmp_path: Path) -> None:
    # The same conftest, on a machine where neither program can be found.
    hidden = CONFTEST.read_text(encoding="utf-8") + (
        '\nPROGRAMS = {k: (("no-such-program-" + k,), what) for k, (_, what) in PROGRAMS.items()}\n'
    )
    (tmp_path / "conftest.py").write_text(hidden, encoding="utf-8")
    (tmp_path / "test_programs.py").write_text(TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nmarkers =\n    needs: programs\n    slow: slow\n", encoding="utf-8")
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # only pytest and the conftest
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
    )
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "2 failed, 1 passed" in out and "error" not in out.lower(), out
    assert "Chromium (the browser tests drive it) is not installed" in out
    assert "tmux (the terminal tests drive the real game in it) is not installed" in out
    assert "sh scripts/system-deps.sh" in out
    assert "the fixture must not start" not in out
