"""`redlines play` refuses bad input with a message naming the place, before any screen opens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

BROKEN = Path(__file__).parent / "fixtures" / "broken" / "yaml_syntax.yaml"


def test_broken_scenario_names_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--scenario", str(BROKEN)]) == 1
    err = capsys.readouterr().err
    assert f"{BROKEN}:" in err and "Traceback" not in err


def test_unknown_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--scenario", "no-such-scenario"]) == 1
    assert "no such scenario" in capsys.readouterr().err


def test_unknown_role_lists_the_roles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--scenario", "tutorial", "--role", "atlantis"]) == 1
    err = capsys.readouterr().err
    assert "no role 'atlantis'" in err and "ukraine" in err


def test_unknown_difficulty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--role", "russia", "--difficulty", "insane"]) == 1
    assert "no difficulty 'insane'" in capsys.readouterr().err


def test_play_does_not_import_textual_for_bad_input() -> None:
    code = ("import sys; from game.cli import main; "
            "rc = main(['play', '--role', 'atlantis']); "
            "print(rc, 'textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split() == ["1", "False"]
