"""`redlines simulate`: a whole game by the computer, a save that replays exactly, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.saves import load_save

ROOT = Path(__file__).resolve().parent.parent


def test_simulate_writes_a_save_that_replays_to_the_same_log(tmp_path: Path, capsys) -> None:
    out = tmp_path / "game.json"
    code = main(["simulate", "tutorial", "--role", "mediator", "--seed", "3", "--out", str(out),
                 "--strategy", "conceder"])
    printed = capsys.readouterr().out
    assert code == 0
    assert f"Saved to {out}" in printed and "Score" in printed
    loaded = load_save(out)
    session = loaded.session()
    assert session.finished
    assert [e.model_dump() for e in session.log] == [e.model_dump() for e in loaded.data.log]
    assert loaded.data.role == "mediator" and loaded.data.seed == 3


def test_simulate_into_a_folder_names_a_new_file(tmp_path: Path, capsys) -> None:
    assert main(["simulate", "tutorial", "--role", "russia", "--out", str(tmp_path),
                 "--quiet"]) == 0
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1 and files[0].name.startswith("tutorial-russia-seed0")
    assert "[round" not in capsys.readouterr().out


def test_unknown_role_is_a_usage_error_naming_the_roles(capsys) -> None:
    assert main(["simulate", "tutorial", "--role", "nato"]) == 2
    err = capsys.readouterr().err
    assert "'nato' is not a role" in err and "ukraine, russia, mediator" in err


def test_broken_scenario_names_file_and_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["simulate", str(bad), "--role", "a"]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err


def test_unknown_strategy_is_refused() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["simulate", "tutorial", "--role", "russia", "--strategy", "random"])
    assert exc.value.code == 2


def _log_with_hash_seed(tmp_path: Path, hash_seed: str) -> list[dict]:
    out = tmp_path / f"h{hash_seed}.json"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(
        [sys.executable, "-m", "game", "simulate", "istanbul-2022", "--role", "nato", "--seed",
         "5", "--out", str(out), "--quiet"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))["log"]


@pytest.mark.slow
def test_the_log_does_not_depend_on_string_hashing(tmp_path: Path) -> None:
    assert _log_with_hash_seed(tmp_path, "1") == _log_with_hash_seed(tmp_path, "2")
