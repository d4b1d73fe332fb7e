"""`redlines scenarios`: one bundled scenario a line, id first; invalid files flagged, not fatal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import game.files
from game.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_lists_each_scenario_with_title_period_issues_and_roles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FIXTURES / "base.yaml", tmp_path / "a-base.yaml")
    shutil.copy(FIXTURES / "broken" / "wrong_type.yaml", tmp_path / "b-broken.yaml")
    monkeypatch.setattr(game.files, "content_dir", lambda: tmp_path)
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].split("  ")[0] == "base"
    for part in ("A small valid scenario", "Spring 2022", "2 issues", "east, west, alliance"):
        assert part in lines[0]
    assert lines[1].startswith("b-broken")
    assert f"invalid: run `redlines validate {tmp_path / 'b-broken.yaml'}`" in lines[1]


def test_no_scenarios_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(game.files, "content_dir", lambda: tmp_path)
    assert main(["scenarios"]) == 0
    assert capsys.readouterr().out == "no bundled scenarios found\n"


def test_lists_every_bundled_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios"]) == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    bundled = sorted((Path(__file__).parent.parent / "content").glob("*.yaml"))
    assert len(ids) == len(bundled)
    assert "tutorial" in ids


def test_installed_command_finds_the_bundled_scenarios(tmp_path: Path) -> None:
    """The console script, run away from the checkout: in CI's non-editable install this reads
    the scenarios shipped inside the wheel."""
    script = Path(sys.executable).with_name("redlines")
    done = subprocess.run([str(script), "scenarios"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "tutorial" in [line.split()[0] for line in done.stdout.splitlines()]
