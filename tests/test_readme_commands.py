"""The README's Commands table names every `redlines` command the CLI registers."""

from __future__ import annotations

import re
from pathlib import Path

from game.cli import COMMANDS

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_table() -> None:
    table = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`redlines ([\w-]+)", table))
    assert {c.replace("_", "-") for c in COMMANDS} - listed == set()
    assert {"teach", "packet"} <= set(COMMANDS)
