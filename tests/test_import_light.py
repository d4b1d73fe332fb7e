"""The core and the instructor commands never import Textual, so `redlines validate` stays fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).parent / "fixtures" / "base.yaml"

SCRIPT = """
import contextlib, importlib, io, pkgutil, sys
import game.engine, game.scenario
for package in (game.engine, game.scenario):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
import game.files
from game.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    codes = [main(["validate", sys.argv[1]]), main(["schema"]), main(["scenarios"])]
assert codes == [0, 0, 0], codes
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("textual" if loaded else "clean", len(sys.modules))
"""


def test_core_and_instructor_commands_do_not_import_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(BASE)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "clean"
